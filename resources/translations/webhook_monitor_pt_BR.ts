<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>Run a command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send an e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the config file: edit it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in: it can be turned off and its title and text edited, not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited title and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default title and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title: {title}
Text: {body}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown at once, no queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(config file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(every event)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} done · {waiting} waiting · {failed} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule: {name} ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event: #{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stdout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stderr:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV para Excel / LibreOffice em português (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV padrão (vírgula, ponto decimal) (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O endereço precisa ser HTTPS e acessível pela internet (servidor do modo equipe, proxy reverso ou túnel: veja o README). O segredo do webhook vai direto para o chaveiro e o caminho vira um endpoint, sem copiar e colar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regra da Juno: dois webhooks da mesma conta digital não podem assinar o mesmo evento; pause o outro ou tire o evento dele antes. A URL não muda depois de criada: exclua e crie outro.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Stripe só mostra o segredo na criação.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Asaas exige o e-mail de [providers.asaas] para avisos de fila parada.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionRuleDialog</name>
    <message>
        <source>Action rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action rule: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For anything touching money, add %s: only verified deliveries then match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in: the app decides when it is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the default text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s body arrives on stdin; WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, WEBHOOK_REFERENCE… in the environment; WEBHOOK_EVENT_JSON names a file with the whole event. Exit code 0 is success. No shell is involved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the built-in Portuguese subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the rule&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter is not valid: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in notification&apos;s own title and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run on the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keyring; [smtp] password_env wins when set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions run once the delivery hub has started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s); actions also run in headless mode, from the same store.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This rule comes from the config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A built-in notification cannot be deleted: turn it off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: %s. Empty: the default text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the rule: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of the [smtp] user (kept in the system keyring):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not keep the SMTP password: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password kept (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event in the Events tab first: the dry run uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: %s on event #%d</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n failed job(s) queued again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run, or a rule and an event in the Events tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued: rule #%d on event #%d, by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertList</name>
    <message>
        <source>Limpar lista</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quando</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aviso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detalhe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avisos: {n} (duplo clique abre a venda)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sem avisos.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyTabs</name>
    <message>
        <source>Copy body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save body as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body process stopped; select the event again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show this body: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded view of a {0} body of {1} bytes (Save body as… writes those bytes): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in the preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first {0} of {1} bytes; Save body as… writes them all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credenciais da API — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guardado ({0}); deixe em branco para manter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>não definido (${0} ou o chaveiro)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardadas em: {0}. Uma variável de ambiente com o mesmo papel tem prioridade. Nunca vão para o arquivo de configuração nem para o banco de dados.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não foi possível guardar: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiffPane</name>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bodies are not both JSON: a line diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} headers differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bodies are identical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bodies differ (text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} body paths differ: {1} changed, {2} added, {3} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (list cut)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointsDialog</name>
    <message>
        <source>Response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventRunsView</name>
    <message>
        <source>Action runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action runs (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action runs: none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unverified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0:,} in the whole body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>{0}, {1}: damaged or incomplete, cannot be decoded (see Hex)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports and HAR files (*.jsonl *.har *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0} event(s) from {1}; {2} already stored were skipped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Copy raw request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute expected signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed now with the endpoint&apos;s secret, shown here only: never stored or logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected (computed now, not stored): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body process stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key cannot be written in a filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreePane</name>
    <message>
        <source>Copy path as filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key cannot be written in a filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the value of {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenerBar</name>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Listening — send webhooks to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Reachable from other machines, not only this one. Every request needs the token (?token=… or Authorization: Bearer …); requests without it get 401 and are not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token required: ?token=… or Authorization: Bearer ….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Refused without the token so far: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Not listening:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on port %1 instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Not storing: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-verifying events of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finance day time zone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load events: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints &amp;&amp; secrets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export this tab…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… include unverified sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export shown events as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… as JSONL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… as HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finance day in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import events (JSONL or HAR)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compact database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No secret for {0}: deliveries there are not verified and do not count as money. Set the variable, or a secret in Endpoints &amp; secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a filter first, then save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name for this filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event #{0} is not in the table (is a filter on?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Re-verified %n event(s) of {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Re-verifying {0} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not change the stored events: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n event(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear all events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every stored event? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting every event…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartsPane</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save part as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} form fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(file: save it to see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save part</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsExporter</name>
    <message>
        <source>Exportar vendas desta aba</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A exportação falhou: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} venda(s) exportada(s) para {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsView</name>
    <message>
        <source>Filtrar: category:confirmed today   status:PAID   ref:pedido-1001   amount:&gt;100</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>Response of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with a custom response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never answer (hold the connection until the sender gives up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template fields: {{ id }} (event id), {{ method }}, {{ path }}, {{ query }}, {{ body }}, {{ json.field }}, {{ headers[&quot;X-Name&quot;] }}. Empty: the default {&quot;ok&quot;: true, &quot;id&quot;: …}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (sent only after the request is stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise the sender&apos;s retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defined in the config file: change its response there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each header line is &apos;Name: value&apos; (got {0!r})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next {0} request(s) get {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not failing requests.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete events older than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the database under</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest events past any checked limit are deleted in the background, a few hundred at a time, without holding up capture; payment state is rebuilt from the events that remain. Freed space is reused; File ▸ Compact database gives it back to the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by [retention] in the config file: change it there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretPrompt</name>
    <message>
        <source>Definir segredo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Há pagamentos não verificados em {paths}: ninguém conferiu a assinatura porque o endpoint não tem segredo. Eles não contam nos totais nem avisam. Defina o segredo e as entregas guardadas serão verificadas de novo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageController</name>
    <message>
        <source>Size of the events database on disk (with its write-ahead log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compact database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacting rewrites the database ({0}) to give the space of deleted events back to the disk. It needs about that much free disk space, and new requests wait (or are answered 503) while it runs. Compact now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compact failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacted: {0} → {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubscriptionSession</name>
    <message>
        <source>no chaveiro do sistema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no arquivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook {0} criado; segredo guardado {1} para o endpoint {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ativo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pausado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook {0}: {1}, {2} evento(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook {0} excluído.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubscriptionsWindow</name>
    <message>
        <source>Assinaturas de webhooks / Subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (só pelo painel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credenciais…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atualizar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provedor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Falhou: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endereço (URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situação</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eventos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salvar eventos marcados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks cadastrados nesta conta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tipos de evento</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criar webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endereço público:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caminho:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Será cadastrado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Novo webhook (marque os eventos à direita)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambiente: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(informe o endereço público)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descontinuado: a Juno não envia mais este evento</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ativo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retomar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informe o endereço público (https://…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marque ao menos um tipo de evento à direita.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recusado: {0} começa com http://. {1} só entrega em endereços HTTPS; use um proxy reverso ou túnel com HTTPS (veja o README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Um webhook precisa de ao menos um evento; para parar, pause-o.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluir webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluir o webhook {0} ({1})? O provedor deixa de enviar eventos para ele.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não há onde guardar credenciais (sem chaveiro nem arquivo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credenciais guardadas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incompleto: {0}
Segredo do webhook: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>⚠ Assinatura inválida: não mudou o status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? Não verificada (sem segredo): não mudou o status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>pagamento {id}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Dia financeiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O fuso horário do dia financeiro vem do arquivo de configuração ([finance] timezone = &quot;{zone}&quot;). Mude-o lá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fuso horário do dia financeiro (&quot;hoje&quot; nos totais, no filtro e nas exportações).
Um nome da base IANA, por exemplo America/Sao_Paulo:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Assinaturas / Subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks nos provedores (Juno, Stripe, Asaas)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
