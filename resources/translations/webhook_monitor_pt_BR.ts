<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>ActionRuleDialog</name>
    <message>
        <source>Action rule</source>
        <translation>Regra de ação</translation>
    </message>
    <message>
        <source>Action rule: %s</source>
        <translation>Regra de ação: %s</translation>
    </message>
    <message>
        <source>For anything touching money, add %s: only verified deliveries then match.</source>
        <translation>Para tudo o que envolve dinheiro, acrescente %s: assim só entregas verificadas casam.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>built in: the app decides when it is due</source>
        <translation>embutida: o aplicativo decide quando dispará-la</translation>
    </message>
    <message>
        <source>empty: the default text</source>
        <translation>vazio: o texto padrão</translation>
    </message>
    <message>
        <source>Arguments (one per line)</source>
        <translation>Argumentos (um por linha)</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Diretório de trabalho</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Tempo limite</translation>
    </message>
    <message>
        <source>The event&apos;s body arrives on stdin; WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, WEBHOOK_REFERENCE… in the environment; WEBHOOK_EVENT_JSON names a file with the whole event. Exit code 0 is success. No shell is involved.</source>
        <translation>O corpo do evento chega pela entrada padrão (stdin); WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, WEBHOOK_REFERENCE… no ambiente; WEBHOOK_EVENT_JSON indica um arquivo com o evento inteiro. Código de saída 0 é sucesso. Nenhum shell é usado.</translation>
    </message>
    <message>
        <source>finance@example.com</source>
        <translation>financeiro@example.com</translation>
    </message>
    <message>
        <source>empty: the built-in Portuguese subject</source>
        <translation>vazio: o assunto padrão em português</translation>
    </message>
    <message>
        <source>Order {{ reference }} from {{ payer }} is paid: {{ amount_text }}.</source>
        <translation>O pedido {{ reference }} de {{ payer }} foi pago: {{ amount_text }}.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>empty: the rule&apos;s name</source>
        <translation>vazio: o nome da regra</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Runs: %s</source>
        <translation>Executa: %s</translation>
    </message>
    <message>
        <source>The filter is not valid: %s</source>
        <translation>O filtro não é válido: %s</translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Action rules</source>
        <translation>Regras de ação</translation>
    </message>
    <message>
        <source>Action runs</source>
        <translation>Execuções de ações</translation>
    </message>
    <message>
        <source>Queued action runs</source>
        <translation>Execuções de ações na fila</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Tentar de novo as que falharam</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Detalhes da execução</translation>
    </message>
    <message>
        <source>Select a run to see its output</source>
        <translation>Selecione uma execução para ver a saída</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>Nova regra…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Desligar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Restore default</source>
        <translation>Restaurar padrão</translation>
    </message>
    <message>
        <source>The built-in notification&apos;s own title and text</source>
        <translation>O título e o texto originais da notificação embutida</translation>
    </message>
    <message>
        <source>Dry run on the selected event</source>
        <translation>Simular no evento selecionado</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Executar de novo</translation>
    </message>
    <message>
        <source>SMTP password…</source>
        <translation>Senha SMTP…</translation>
    </message>
    <message>
        <source>Kept in the system keyring; [smtp] password_env wins when set</source>
        <translation>Guardada no chaveiro do sistema; [smtp] password_env tem prioridade quando definido</translation>
    </message>
    <message>
        <source>Actions run once the delivery hub has started.</source>
        <translation>As ações rodam assim que o serviço de entregas iniciar.</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s); actions also run in headless mode, from the same store.</source>
        <translation>
            <numerusform>%n regra; as ações também rodam no modo sem janela, a partir do mesmo banco.</numerusform>
            <numerusform>%n regras; as ações também rodam no modo sem janela, a partir do mesmo banco.</numerusform>
        </translation>
    </message>
    <message>
        <source>This rule comes from the config file</source>
        <translation>Esta regra vem do arquivo de configuração</translation>
    </message>
    <message>
        <source>A built-in notification cannot be deleted: turn it off</source>
        <translation>Uma notificação embutida não pode ser excluída: desligue-a</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Ligar</translation>
    </message>
    <message>
        <source>Fields: %s. Empty: the default text.</source>
        <translation>Campos: %s. Vazio: o texto padrão.</translation>
    </message>
    <message>
        <source>Action rule</source>
        <translation>Regra de ação</translation>
    </message>
    <message>
        <source>Could not save the rule: %s</source>
        <translation>Não foi possível salvar a regra: %s</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>Senha SMTP</translation>
    </message>
    <message>
        <source>Password of the [smtp] user (kept in the system keyring):</source>
        <translation>Senha do usuário de [smtp] (guardada no chaveiro do sistema):</translation>
    </message>
    <message>
        <source>Could not keep the SMTP password: %s</source>
        <translation>Não foi possível guardar a senha SMTP: %s</translation>
    </message>
    <message>
        <source>SMTP password kept (%s).</source>
        <translation>Senha SMTP guardada (%s).</translation>
    </message>
    <message>
        <source>Select an event in the Events tab first: the dry run uses it.</source>
        <translation>Selecione antes um evento na aba Eventos: a simulação usa esse evento.</translation>
    </message>
    <message>
        <source>Dry run: %s on event #%d</source>
        <translation>Simulação: %s no evento nº %d</translation>
    </message>
    <message numerus="yes">
        <source>%n failed job(s) queued again.</source>
        <translation>
            <numerusform>%n tarefa com falha voltou para a fila.</numerusform>
            <numerusform>%n tarefas com falha voltaram para a fila.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run, or a rule and an event in the Events tab.</source>
        <translation>Selecione uma execução, ou uma regra e um evento na aba Eventos.</translation>
    </message>
    <message>
        <source>Queued: rule #%d on event #%d, by hand.</source>
        <translation>Na fila: regra nº %d no evento nº %d, manualmente.</translation>
    </message>
</context>
<context>
    <name>ActionsTab</name>
    <message>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>rodando</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>tentando de novo</translation>
    </message>
    <message>
        <source>done</source>
        <translation>feita</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>Run a command</source>
        <translation>Executar um comando</translation>
    </message>
    <message>
        <source>Send an e-mail</source>
        <translation>Enviar um e-mail</translation>
    </message>
    <message>
        <source>Show a notification</source>
        <translation>Mostrar uma notificação</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ligada</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Command / recipients</source>
        <translation>Comando / destinatários</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>From the config file: edit it there</source>
        <translation>Vem do arquivo de configuração: edite-a lá</translation>
    </message>
    <message>
        <source>(built-in)</source>
        <translation>(embutida)</translation>
    </message>
    <message>
        <source>Built-in: it can be turned off and its title and text edited, not deleted</source>
        <translation>Embutida: pode ser desligada e ter o título e o texto editados, mas não excluída</translation>
    </message>
    <message>
        <source>edited title and text</source>
        <translation>título e texto editados</translation>
    </message>
    <message>
        <source>default title and text</source>
        <translation>título e texto padrão</translation>
    </message>
    <message>
        <source>Title: {title}
Text: {body}</source>
        <translation>Título: {title}
Texto: {body}</translation>
    </message>
    <message>
        <source>shown at once, no queue</source>
        <translation>mostrada na hora, sem fila</translation>
    </message>
    <message>
        <source>(config file)</source>
        <translation>(arquivo de configuração)</translation>
    </message>
    <message>
        <source>(every event)</source>
        <translation>(todos os eventos)</translation>
    </message>
    <message>
        <source>{done} done · {waiting} waiting · {failed} failed</source>
        <translation>{done} feitas · {waiting} aguardando · {failed} com falha</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>(by hand)</source>
        <translation>(manual)</translation>
    </message>
    <message>
        <source>Rule: {name} ({kind})</source>
        <translation>Regra: {name} ({kind})</translation>
    </message>
    <message>
        <source>Event: #{id}</source>
        <translation>Evento: nº {id}</translation>
    </message>
    <message>
        <source>Result: {answer}</source>
        <translation>Resultado: {answer}</translation>
    </message>
    <message>
        <source>Exit code: {code}</source>
        <translation>Código de saída: {code}</translation>
    </message>
    <message>
        <source>stdout:</source>
        <translation>stdout:</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vazio)</translation>
    </message>
    <message>
        <source>stderr:</source>
        <translation>stderr:</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Próxima tentativa</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
    </message>
</context>
<context>
    <name>AlertList</name>
    <message>
        <source>Clear list</source>
        <translation>Limpar lista</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalhe</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) (double-click opens the sale)</source>
        <translation>
            <numerusform>%n aviso (duplo clique abre a venda)</numerusform>
            <numerusform>%n avisos (duplo clique abre a venda)</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts.</source>
        <translation>Sem avisos.</translation>
    </message>
</context>
<context>
    <name>AttemptDetails</name>
    <message>
        <source>nothing is listening there: is the target app running, on that port?</source>
        <translation>nada está escutando ali: o app de destino está rodando, nessa porta?</translation>
    </message>
    <message>
        <source>the target took too long: raise the target&apos;s timeout or check the app</source>
        <translation>o destino demorou demais: aumente o tempo limite do destino ou verifique o app</translation>
    </message>
    <message>
        <source>the HTTPS certificate was not accepted; use http:// for a local app</source>
        <translation>o certificado HTTPS não foi aceito; use http:// para um app local</translation>
    </message>
    <message>
        <source>check the host name in the URL</source>
        <translation>verifique o nome do host na URL</translation>
    </message>
    <message>
        <source>fix the URL and send again</source>
        <translation>corrija a URL e envie de novo</translation>
    </message>
    <message>
        <source>fix or remove that header and send again</source>
        <translation>corrija ou remova esse cabeçalho e envie de novo</translation>
    </message>
    <message>
        <source>the body is over the re-send limit; nothing was sent</source>
        <translation>o corpo passa do limite de reenvio; nada foi enviado</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Cabeçalhos da resposta</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Corpo da resposta</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Mostrar tudo</translation>
    </message>
    <message>
        <source>Response headers:</source>
        <translation>Cabeçalhos da resposta:</translation>
    </message>
    <message>
        <source> in {0} ms</source>
        <translation> em {0} ms</translation>
    </message>
    <message numerus="yes">
        <source>Response body: %Ln byte(s)</source>
        <translation>
            <numerusform>Corpo da resposta: %Ln byte</numerusform>
            <numerusform>Corpo da resposta: %Ln bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>the target sent more; only the first {0} KiB are kept</source>
        <translation>o destino enviou mais; só os primeiros {0} KiB são guardados</translation>
    </message>
    <message>
        <source>showing the first {0} characters</source>
        <translation>mostrando os primeiros {0} caracteres</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Mostrar menos</translation>
    </message>
</context>
<context>
    <name>AttemptsModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Status / error</source>
        <translation>Status / erro</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latência</translation>
    </message>
</context>
<context>
    <name>AttemptsPanel</name>
    <message>
        <source>Re-send attempts</source>
        <translation>Tentativas de reenvio</translation>
    </message>
    <message>
        <source>Select an event to see where it was re-sent or forwarded.</source>
        <translation>Selecione um evento para ver para onde foi reenviado ou encaminhado.</translation>
    </message>
    <message>
        <source>Not re-sent or forwarded yet. Attempts appear here, kept across restarts.</source>
        <translation>Ainda não reenviado nem encaminhado. As tentativas aparecem aqui e continuam após reiniciar.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s), newest first.</source>
        <translation>
            <numerusform>%n tentativa, a mais nova primeiro.</numerusform>
            <numerusform>%n tentativas, as mais novas primeiro.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BodyTabs</name>
    <message>
        <source>Copy body</source>
        <translation>Copiar corpo</translation>
    </message>
    <message>
        <source>Save body as…</source>
        <translation>Salvar corpo como…</translation>
    </message>
    <message>
        <source>Copy hex</source>
        <translation>Copiar hex</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>Árvore</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Lendo {0}…</translation>
    </message>
    <message>
        <source>the body process stopped; select the event again</source>
        <translation>o processo do corpo parou; selecione o evento de novo</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>Falhou: {0}</translation>
    </message>
    <message>
        <source>Cannot show this body: {0}</source>
        <translation>Não é possível mostrar este corpo: {0}</translation>
    </message>
    <message>
        <source> — preview cut; copy or save takes every byte</source>
        <translation> — prévia cortada; copiar ou salvar leva todos os bytes</translation>
    </message>
    <message>
        <source>encoded</source>
        <translation>codificado</translation>
    </message>
    <message>
        <source>Decoded view of a {0} body of {1} bytes (Save body as… writes those bytes): </source>
        <translation>Visão decodificada de um corpo {0} de {1} bytes (Salvar corpo como… grava esses bytes): </translation>
    </message>
    <message>
        <source>(in the preview)</source>
        <translation>(na prévia)</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} bytes</translation>
    </message>
    <message>
        <source>The first {0} of {1} bytes; Save body as… writes them all</source>
        <translation>Os primeiros {0} de {1} bytes; Salvar corpo como… grava todos</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Partes</translation>
    </message>
    <message>
        <source>Save body</source>
        <translation>Salvar corpo</translation>
    </message>
</context>
<context>
    <name>BulkResend</name>
    <message>
        <source>No targets yet: add one with Targets…</source>
        <translation>Nenhum destino ainda: adicione um em Destinos…</translation>
    </message>
    <message>
        <source>No events to re-send.</source>
        <translation>Nenhum evento para reenviar.</translation>
    </message>
    <message>
        <source>Not started: {0}.</source>
        <translation>Não iniciado: {0}.</translation>
    </message>
    <message>
        <source>Re-send events</source>
        <translation>Reenviar eventos</translation>
    </message>
    <message>
        <source>Send %n event(s) to {name}?</source>
        <translation>Enviar %n evento para {name}? || Enviar %n eventos para {name}?</translation>
    </message>
    <message>
        <source>Target URL: {url}</source>
        <translation>URL do destino: {url}</translation>
    </message>
    <message>
        <source>&amp;Send %n event(s)</source>
        <translation>&amp;Enviar %n evento || &amp;Enviar %n eventos</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Copy as cURL for</source>
        <translation>Copiar como cURL para</translation>
    </message>
    <message>
        <source>Event {0} no longer exists.</source>
        <translation>O evento {0} não existe mais.</translation>
    </message>
</context>
<context>
    <name>BulkResendDialog</name>
    <message>
        <source>Re-sending events</source>
        <translation>Reenviando eventos</translation>
    </message>
    <message numerus="yes">
        <source>Re-sending %Ln event(s) to {0}…</source>
        <translation>
            <numerusform>Reenviando %Ln evento para {0}…</numerusform>
            <numerusform>Reenviando %Ln eventos para {0}…</numerusform>
        </translation>
    </message>
    <message>
        <source>0 of {0} sent</source>
        <translation>0 de {0} enviados</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source> · {0} failed</source>
        <translation> · {0} com falha</translation>
    </message>
    <message>
        <source>{0} of {1} sent</source>
        <translation>{0} de {1} enviados</translation>
    </message>
    <message>
        <source>Re-send cancelled</source>
        <translation>Reenvio cancelado</translation>
    </message>
    <message>
        <source>Re-send finished</source>
        <translation>Reenvio concluído</translation>
    </message>
    <message>
        <source>{0} ok, {1} failed</source>
        <translation>{0} ok, {1} com falha</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Cancelling: the sends already on the way finish and are recorded…</source>
        <translation>Cancelando: os envios já em andamento terminam e são registrados…</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Client ID</source>
        <translation>Client ID</translation>
    </message>
    <message>
        <source>Client Secret</source>
        <translation>Client Secret</translation>
    </message>
    <message>
        <source>Private token (X-Resource-Token)</source>
        <translation>Token Privado (X-Resource-Token)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <source>API credentials — {0}</source>
        <translation>Credenciais da API — {0}</translation>
    </message>
    <message>
        <source>kept ({0}); leave empty to keep it</source>
        <translation>guardado ({0}); deixe em branco para manter</translation>
    </message>
    <message>
        <source>not set (${0} or the keyring)</source>
        <translation>não definido (${0} ou o chaveiro)</translation>
    </message>
    <message>
        <source>Kept in: {0}. An environment variable with the same role wins. They never go to the configuration file nor to the database.</source>
        <translation>Guardadas em: {0}. Uma variável de ambiente com o mesmo papel tem prioridade. Nunca vão para o arquivo de configuração nem para o banco de dados.</translation>
    </message>
    <message>
        <source>Could not keep them: {0}</source>
        <translation>Não foi possível guardar: {0}</translation>
    </message>
</context>
<context>
    <name>CurlAsReceived</name>
    <message>
        <source>Copied. The body is large, so it was saved to {path}; the command reads it.</source>
        <translation>Copiado. O corpo é grande, então foi salvo em {path}; o comando o lê de lá.</translation>
    </message>
    <message>
        <source>Copied the cURL command that sends event #{id} as it arrived.</source>
        <translation>Copiado o comando cURL que envia o evento nº {id} como chegou.</translation>
    </message>
</context>
<context>
    <name>DeliveryActions</name>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Encaminhamento</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>Destinos…</translation>
    </message>
    <message>
        <source>Re-send</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Re-send the selected events, or all that match the filter, to a target</source>
        <translation>Reenviar os eventos selecionados, ou todos os que atendem ao filtro, para um destino</translation>
    </message>
    <message>
        <source>Selected events to</source>
        <translation>Eventos selecionados para</translation>
    </message>
    <message>
        <source>All matching the filter to</source>
        <translation>Todos os que atendem ao filtro para</translation>
    </message>
    <message>
        <source>Edit and re-send…</source>
        <translation>Editar e reenviar…</translation>
    </message>
    <message>
        <source>Event {0} no longer exists.</source>
        <translation>O evento {0} não existe mais.</translation>
    </message>
</context>
<context>
    <name>DiffPane</name>
    <message>
        <source>Change</source>
        <translation>Mudança</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Cabeçalho</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Copy diff</source>
        <translation>Copiar diferenças</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>alterado</translation>
    </message>
    <message>
        <source>added</source>
        <translation>adicionado</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removido</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Comparando…</translation>
    </message>
    <message>
        <source>The bodies are not both JSON: a line diff</source>
        <translation>Os corpos não são ambos JSON: diferença por linha</translation>
    </message>
    <message>
        <source>Cannot compare: {0}</source>
        <translation>Não é possível comparar: {0}</translation>
    </message>
    <message>
        <source>{0} headers differ</source>
        <translation>{0} cabeçalhos diferem</translation>
    </message>
    <message>
        <source>same headers</source>
        <translation>mesmos cabeçalhos</translation>
    </message>
    <message>
        <source>the bodies are identical</source>
        <translation>os corpos são idênticos</translation>
    </message>
    <message>
        <source>the bodies differ (text)</source>
        <translation>os corpos diferem (texto)</translation>
    </message>
    <message>
        <source>{0} body paths differ: {1} changed, {2} added, {3} removed</source>
        <translation>{0} caminhos do corpo diferem: {1} alterados, {2} adicionados, {3} removidos</translation>
    </message>
    <message>
        <source> (list cut)</source>
        <translation> (lista cortada)</translation>
    </message>
</context>
<context>
    <name>EndpointsDialog</name>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Segredo</translation>
    </message>
    <message>
        <source>Defined in</source>
        <translation>Definido em</translation>
    </message>
    <message>
        <source>Endpoints and secrets</source>
        <translation>Endpoints e segredos</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>Adicionar endpoint</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Selected endpoint</source>
        <translation>Endpoint selecionado</translation>
    </message>
    <message>
        <source>/juno — requests to this path and below it</source>
        <translation>/juno — requisições para este caminho e os abaixo dele</translation>
    </message>
    <message>
        <source>a label, e.g. Juno production</source>
        <translation>um rótulo, ex.: Juno produção</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Clear secret</source>
        <translation>Apagar segredo</translation>
    </message>
    <message>
        <source>Response…</source>
        <translation>Resposta…</translation>
    </message>
    <message>
        <source>Defined in the config file: change its path and provider there. Its secret can be set here.</source>
        <translation>Definido no arquivo de configuração: altere caminho e provedor lá. O segredo pode ser definido aqui.</translation>
    </message>
    <message>
        <source>Secrets are kept in the {0}, never in the events database or exports.</source>
        <translation>Os segredos ficam no {0}, nunca no banco de eventos nem nas exportações.</translation>
    </message>
    <message>
        <source>Anything running as your user can read that file. A system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Locker) would keep them encrypted.</source>
        <translation>Qualquer programa rodando com o seu usuário pode ler esse arquivo. Um chaveiro do sistema (GNOME Keyring, KWallet, Keychain do macOS, Gerenciador de Credenciais do Windows) os guardaria criptografados.</translation>
    </message>
    <message>
        <source>⚠ Secrets are kept in a {0}.</source>
        <translation>⚠ Os segredos ficam em {0}.</translation>
    </message>
    <message>
        <source>config file</source>
        <translation>arquivo de configuração</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>este app</translation>
    </message>
    <message>
        <source>from {0}</source>
        <translation>de {0}</translation>
    </message>
    <message>
        <source>not set ({0} is empty)</source>
        <translation>não definido ({0} está vazia)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>não definido</translation>
    </message>
    <message>
        <source>will be set on save</source>
        <translation>será definido ao salvar</translation>
    </message>
    <message>
        <source>will be cleared on save</source>
        <translation>será apagado ao salvar</translation>
    </message>
    <message>
        <source>set (keyring)</source>
        <translation>definido (chaveiro)</translation>
    </message>
    <message>
        <source>set (file)</source>
        <translation>definido (arquivo)</translation>
    </message>
    <message>
        <source>comes from ${0}; a secret typed here is used when it is unset</source>
        <translation>vem de ${0}; um segredo digitado aqui é usado quando ela não está definida</translation>
    </message>
    <message>
        <source>stored — type a new one to replace it</source>
        <translation>guardado — digite um novo para substituí-lo</translation>
    </message>
    <message>
        <source>paste the secret the provider gave you for this webhook</source>
        <translation>cole o segredo que o provedor forneceu para este webhook</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Não salvo: {0}</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Resposta</translation>
    </message>
</context>
<context>
    <name>EventRunsView</name>
    <message>
        <source>Action runs of this event</source>
        <translation>Execuções de ações deste evento</translation>
    </message>
    <message>
        <source>Action runs</source>
        <translation>Execuções de ações</translation>
    </message>
    <message>
        <source>Action runs (%d)</source>
        <translation>Execuções de ações (%d)</translation>
    </message>
    <message>
        <source>Action runs: none</source>
        <translation>Execuções de ações: nenhuma</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Assinatura</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Tipo de conteúdo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>inválida</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>expirada</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ausente</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>sem assinatura</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>não verificada</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>fora de ordem</translation>
    </message>
    <message>
        <source>Rejected: {0}</source>
        <translation>Recusado: {0}</translation>
    </message>
    <message>
        <source>No answer was sent: the endpoint&apos;s timeout answer held the request until the sender quit.</source>
        <translation>Nenhuma resposta foi enviada: a resposta de timeout do endpoint segurou a requisição até o remetente desistir.</translation>
    </message>
</context>
<context>
    <name>EventsView</name>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Filter events</source>
        <translation>Filtrar eventos</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>buscando…</translation>
    </message>
    <message>
        <source>✖ The search failed: {0}</source>
        <translation>✖ A busca falhou: {0}</translation>
    </message>
    <message>
        <source>Filter by {0}: {1}</source>
        <translation>Filtrar por {0}: {1}</translation>
    </message>
    <message>
        <source>Exclude {0}: {1}</source>
        <translation>Excluir {0}: {1}</translation>
    </message>
    <message>
        <source>✖ Could not read the event: {0}</source>
        <translation>✖ Não foi possível ler o evento: {0}</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>A exportação falhou: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln event(s) to {0}</source>
        <translation>
            <numerusform>%Ln evento exportado para {0}</numerusform>
            <numerusform>%Ln eventos exportados para {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter: pedido-1001   status:PAID   signature:invalid today   body.data[0].amount:&gt;100</source>
        <translation>Filtrar: pedido-1001   status:PAID   signature:invalid today   body.data[0].amount:&gt;100</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Save filter…</source>
        <translation>Salvar filtro…</translation>
    </message>
    <message>
        <source>✖ {0} — at character {1}: “{2}”. Showing the last valid filter.</source>
        <translation>✖ {0} — no caractere {1}: “{2}”. Mostrando o último filtro válido.</translation>
    </message>
</context>
<context>
    <name>FinanceZone</name>
    <message>
        <source>Finance day</source>
        <translation>Dia financeiro</translation>
    </message>
    <message>
        <source>The finance day&apos;s time zone comes from the configuration file ([finance] timezone = &quot;{zone}&quot;). Change it there.</source>
        <translation>O fuso horário do dia financeiro vem do arquivo de configuração ([finance] timezone = &quot;{zone}&quot;). Mude-o lá.</translation>
    </message>
    <message>
        <source>Time zone of the finance day (&quot;today&quot; in the totals, the filter and the exports).
A name from the IANA database, for example America/Sao_Paulo:</source>
        <translation>Fuso horário do dia financeiro (&quot;hoje&quot; nos totais, no filtro e nas exportações).
Um nome da base IANA, por exemplo America/Sao_Paulo:</translation>
    </message>
    <message>
        <source>Unknown time zone: {zone}. Use a name such as America/Sao_Paulo.</source>
        <translation>Fuso horário desconhecido: {zone}. Use um nome como America/Sao_Paulo.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in body</source>
        <translation>Buscar no corpo</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Ocorrência anterior (Shift+Enter)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Ocorrência anterior</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Próxima ocorrência (Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Próxima ocorrência</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fechar (Esc)</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Fechar a busca</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>nenhuma ocorrência</translation>
    </message>
    <message>
        <source> · {0} in the whole body</source>
        <translation> · {0} no corpo inteiro</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>No events yet</source>
        <translation>Nenhum evento ainda</translation>
    </message>
    <message>
        <source>Send a webhook to this app and it appears here, byte for byte.</source>
        <translation>Envie um webhook para este app e ele aparece aqui, byte a byte.</translation>
    </message>
    <message>
        <source>This app&apos;s webhook URL</source>
        <translation>URL de webhooks deste app</translation>
    </message>
    <message>
        <source>A curl command to try it</source>
        <translation>Um comando curl para testar</translation>
    </message>
    <message>
        <source>Send a test event</source>
        <translation>Enviar um evento de teste</translation>
    </message>
    <message>
        <source>A simulated Juno sale, signed with this app&apos;s secret for /juno, sent to this app.</source>
        <translation>Uma venda Juno simulada, assinada com o segredo deste app para /juno, enviada a este app.</translation>
    </message>
    <message>
        <source>Providers on the internet cannot reach this computer&apos;s 127.0.0.1: give them a public HTTPS URL instead, such as a tunnel to this port (cloudflared, ngrok) or a receiver on a server (main.py --headless).</source>
        <translation>Provedores na internet não alcançam o 127.0.0.1 deste computador: informe a eles uma URL HTTPS pública, como um túnel para esta porta (cloudflared, ngrok) ou um receptor num servidor (main.py --headless).</translation>
    </message>
    <message>
        <source>This app receives webhooks at</source>
        <translation>Este app recebe webhooks em</translation>
    </message>
    <message>
        <source>Try it from a terminal</source>
        <translation>Teste pelo terminal</translation>
    </message>
    <message>
        <source>The URL to give each provider</source>
        <translation>A URL a informar a cada provedor</translation>
    </message>
    <message>
        <source>Or see one without a provider</source>
        <translation>Ou veja um sem provedor</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy {0}</source>
        <translation>Copiar {0}</translation>
    </message>
    <message>
        <source>The URL to give {0}</source>
        <translation>A URL para informar a {0}</translation>
    </message>
    <message>
        <source>The app is not listening, so nothing can be sent: see the bar at the top.</source>
        <translation>O app não está escutando, então nada pode ser enviado: veja a barra no topo.</translation>
    </message>
    <message>
        <source>Sending a simulated Juno sale to %1…</source>
        <translation>Enviando uma venda Juno simulada para %1…</translation>
    </message>
    <message>
        <source>%1 is set up for %2, not Juno: a test sale would not verify there.</source>
        <translation>%1 está configurado para %2, não Juno: uma venda de teste não seria verificada ali.</translation>
    </message>
    <message>
        <source>%1 has no secret yet, so these events show as unverified. Set its secret in Endpoints &amp; secrets… (for this test: %2).</source>
        <translation>%1 ainda não tem segredo, então estes eventos aparecem como não verificados. Defina o segredo em Endpoints e segredos… (para este teste: %2).</translation>
    </message>
    <message>
        <source>Could not create the /juno endpoint: %1</source>
        <translation>Não foi possível criar o endpoint /juno: %1</translation>
    </message>
    <message>
        <source>Could not send: %1</source>
        <translation>Não foi possível enviar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n events; %1 were not accepted.</source>
        <translation>
            <numerusform>Enviado %n evento; %1 não foram aceitos.</numerusform>
            <numerusform>Enviados %n eventos; %1 não foram aceitos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n events of a simulated Juno sale.</source>
        <translation>
            <numerusform>Enviado %n evento de uma venda Juno simulada.</numerusform>
            <numerusform>Enviados %n eventos de uma venda Juno simulada.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeaderTable</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Adicionar cabeçalho</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
</context>
<context>
    <name>ImagePane</name>
    <message>
        <source>{0}, {1}: damaged or incomplete, cannot be decoded (see Hex)</source>
        <translation>{0}, {1}: danificada ou incompleta, não pode ser decodificada (veja Hex)</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import events</source>
        <translation>Importar eventos</translation>
    </message>
    <message>
        <source>Exports and HAR files (*.jsonl *.har *.json);;All files (*)</source>
        <translation>Exportações e arquivos HAR (*.jsonl *.har *.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import failed: {0}</source>
        <translation>A importação falhou: {0}</translation>
    </message>
    <message>
        <source>Imported {0} event(s) from {1}; {2} already stored were skipped.</source>
        <translation>{0} evento(s) importado(s) de {1}; {2} já gravado(s) foram ignorados.</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>✔ Signature valid</source>
        <translation>✔ Assinatura válida</translation>
    </message>
    <message>
        <source>✖ Signature INVALID</source>
        <translation>✖ Assinatura INVÁLIDA</translation>
    </message>
    <message>
        <source>⚠ Signature STALE: a possible replay (not trusted)</source>
        <translation>⚠ Assinatura EXPIRADA: possível reenvio malicioso (não confiável)</translation>
    </message>
    <message>
        <source>⚠ Signature missing</source>
        <translation>⚠ Assinatura ausente</translation>
    </message>
    <message>
        <source>• Not signed by this provider</source>
        <translation>• Este provedor não assina</translation>
    </message>
    <message>
        <source>• Not verified (no secret configured)</source>
        <translation>• Não verificada (nenhum segredo configurado)</translation>
    </message>
    <message>
        <source>Copy raw request</source>
        <translation>Copiar requisição bruta</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Bruto</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>Diferenças</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspetor</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Body in hex</source>
        <translation>Corpo em hexadecimal</translation>
    </message>
    <message>
        <source>Body as a tree</source>
        <translation>Corpo em árvore</translation>
    </message>
    <message>
        <source>Body fields and parts</source>
        <translation>Campos e partes do corpo</translation>
    </message>
    <message>
        <source>Raw request</source>
        <translation>Requisição bruta</translation>
    </message>
    <message>
        <source>Differences in the body text</source>
        <translation>Diferenças no texto do corpo</translation>
    </message>
    <message>
        <source>Differences in the headers</source>
        <translation>Diferenças nos cabeçalhos</translation>
    </message>
    <message>
        <source>Differences in the body fields</source>
        <translation>Diferenças nos campos do corpo</translation>
    </message>
    <message>
        <source>Compute expected signature</source>
        <translation>Calcular assinatura esperada</translation>
    </message>
    <message>
        <source>Computed now with the endpoint&apos;s secret, shown here only: never stored or logged.</source>
        <translation>Calculada agora com o segredo do endpoint e mostrada só aqui: nunca é gravada nem registrada em log.</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Requisição:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Recebido em:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Corpo:</translation>
    </message>
    <message>
        <source>Answered:</source>
        <translation>Resposta:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Provedor:</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Evento:</translation>
    </message>
    <message>
        <source>Entity:</source>
        <translation>Entidade:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Valor:</translation>
    </message>
    <message>
        <source>Payer:</source>
        <translation>Pagador:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referência:</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>Marcas:</translation>
    </message>
    <message>
        <source>Query parameters:</source>
        <translation>Parâmetros da URL:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>Parâmetros da query</translation>
    </message>
    <message>
        <source>Copy URL path</source>
        <translation>Copiar caminho da URL</translation>
    </message>
    <message>
        <source>Re-send…</source>
        <translation>Reenviar…</translation>
    </message>
    <message>
        <source>Copy as cURL, as it arrived</source>
        <translation>Copiar como cURL, como chegou</translation>
    </message>
    <message>
        <source>Copy headers</source>
        <translation>Copiar cabeçalhos</translation>
    </message>
    <message>
        <source>Select an event to inspect it.</source>
        <translation>Selecione um evento para inspecioná-lo.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln body byte(s) as received</source>
        <translation>
            <numerusform>%Ln byte do corpo, como recebido</numerusform>
            <numerusform>%Ln bytes do corpo, como recebidos</numerusform>
        </translation>
    </message>
    <message>
        <source> — rejected: {0}</source>
        <translation> — recusado: {0}</translation>
    </message>
    <message>
        <source>duplicate of event #{0}</source>
        <translation>duplicata do evento nº {0}</translation>
    </message>
    <message>
        <source>out of order (older than the entity&apos;s current state)</source>
        <translation>fora de ordem (mais antigo que o estado atual da entidade)</translation>
    </message>
    <message>
        <source>imported from a file (not received over the wire)</source>
        <translation>importado de um arquivo (não recebido pela rede)</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>sem tipo de conteúdo</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s), {0}</source>
        <translation>
            <numerusform>%Ln byte, {0}</numerusform>
            <numerusform>%Ln bytes, {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown sender</source>
        <translation>remetente desconhecido</translation>
    </message>
    <message>
        <source>Expected (computed now, not stored): {0}</source>
        <translation>Esperada (calculada agora, não gravada): {0}</translation>
    </message>
    <message>
        <source>Cannot compute: {0}</source>
        <translation>Não foi possível calcular: {0}</translation>
    </message>
    <message>
        <source>Plain request: no known provider recognised.</source>
        <translation>Requisição simples: nenhum provedor conhecido reconhecido.</translation>
    </message>
    <message>
        <source>the body process stopped</source>
        <translation>o processo do corpo parou</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Próxima tentativa</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último erro</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>tentando de novo</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregue</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>com falha</translation>
    </message>
    <message>
        <source>(deleted target {0})</source>
        <translation>(destino excluído {0})</translation>
    </message>
    <message>
        <source> (in order)</source>
        <translation> (em ordem)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>{0} (in {1} s)</source>
        <translation>{0} (em {1} s)</translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>This key cannot be written in a filter</source>
        <translation>Esta chave não pode ser escrita num filtro</translation>
    </message>
</context>
<context>
    <name>JsonTreePane</name>
    <message>
        <source>Copy path as filter</source>
        <translation>Copiar caminho como filtro</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Copiar valor</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Recolher tudo</translation>
    </message>
    <message>
        <source>This key cannot be written in a filter</source>
        <translation>Esta chave não pode ser escrita num filtro</translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation>Copiado: {0}</translation>
    </message>
    <message>
        <source>Copied the value of {0}</source>
        <translation>Valor de {0} copiado</translation>
    </message>
</context>
<context>
    <name>ListenerBar</name>
    <message>
        <source>Listener URL</source>
        <translation>URL do receptor</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copiar URL</translation>
    </message>
    <message>
        <source>Listen on another port</source>
        <translation>Escutar em outra porta</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>iniciando…</translation>
    </message>
    <message>
        <source>● Listening — send webhooks to:</source>
        <translation>● Escutando — envie webhooks para:</translation>
    </message>
    <message>
        <source>⚠ Reachable from other machines, not only this one. Every request needs the token (?token=… or Authorization: Bearer …); requests without it get 401 and are not stored.</source>
        <translation>⚠ Acessível de outras máquinas, não só desta. Toda requisição precisa do token (?token=… ou Authorization: Bearer …); sem ele, recebe 401 e não é gravada.</translation>
    </message>
    <message>
        <source>Token required: ?token=… or Authorization: Bearer ….</source>
        <translation>Token obrigatório: ?token=… ou Authorization: Bearer ….</translation>
    </message>
    <message>
        <source> Refused without the token so far: %1.</source>
        <translation> Recusadas sem o token até agora: %1.</translation>
    </message>
    <message>
        <source>● Not listening:</source>
        <translation>● Não está escutando:</translation>
    </message>
    <message>
        <source>Listen on port %1 instead</source>
        <translation>Escutar na porta %1</translation>
    </message>
    <message>
        <source>⚠ Not storing: %1.</source>
        <translation>⚠ Sem gravar: %1.</translation>
    </message>
</context>
<context>
    <name>LocaleFormat</name>
    <message>
        <source>not a usable amount</source>
        <translation>valor inutilizável</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Pagamentos</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Re-verifying events of {0}…</source>
        <translation>Reverificando eventos de {0}…</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Finance day time zone…</source>
        <translation>Fuso horário do dia financeiro…</translation>
    </message>
    <message>
        <source>Could not load events: {0}</source>
        <translation>Não foi possível carregar os eventos: {0}</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Excluir selecionados</translation>
    </message>
    <message>
        <source>Clear all…</source>
        <translation>Limpar tudo…</translation>
    </message>
    <message>
        <source>Endpoints &amp;&amp; secrets…</source>
        <translation>Endpoints e segredos…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Export this tab…</source>
        <translation>Exportar esta aba…</translation>
    </message>
    <message>
        <source>… include unverified sales</source>
        <translation>… incluir vendas não verificadas</translation>
    </message>
    <message>
        <source>Export shown events as CSV…</source>
        <translation>Exportar eventos exibidos como CSV…</translation>
    </message>
    <message>
        <source>… as JSONL…</source>
        <translation>… como JSONL…</translation>
    </message>
    <message>
        <source>… as HAR…</source>
        <translation>… como HAR…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Finance day in {0}</source>
        <translation>Dia financeiro em {0}</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <source>Import events (JSONL or HAR)…</source>
        <translation>Importar eventos (JSONL ou HAR)…</translation>
    </message>
    <message>
        <source>Compact database…</source>
        <translation>Compactar banco de dados…</translation>
    </message>
    <message>
        <source>Retention…</source>
        <translation>Retenção…</translation>
    </message>
    <message>
        <source>Import events</source>
        <translation>Importar eventos</translation>
    </message>
    <message>
        <source>⚠ No secret for {0}: deliveries there are not verified and do not count as money. Set the variable, or a secret in Endpoints &amp; secrets.</source>
        <translation>⚠ Sem segredo para {0}: as entregas ali não são verificadas e não contam como dinheiro. Defina a variável ou um segredo em Endpoints e segredos.</translation>
    </message>
    <message>
        <source>Type a filter first, then save it.</source>
        <translation>Digite um filtro primeiro e depois salve-o.</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Salvar filtro</translation>
    </message>
    <message>
        <source>Name for this filter:</source>
        <translation>Nome deste filtro:</translation>
    </message>
    <message>
        <source>Not listening: {0}</source>
        <translation>Não está escutando: {0}</translation>
    </message>
    <message>
        <source>Listening on {0}</source>
        <translation>Escutando em {0}</translation>
    </message>
    <message>
        <source>Read-only: the database role %1 can read events but not change them. Delete, clear, re-send, import and endpoint edits are off, and this window receives no requests (the team&apos;s receivers store them).</source>
        <translation>Somente leitura: o papel %1 do banco de dados pode ler os eventos, mas não alterá-los. Excluir, limpar, reenviar, importar e editar endpoints estão desativados, e esta janela não recebe requisições (os receptores da equipe as guardam).</translation>
    </message>
    <message>
        <source>this window is read-only (role %1).</source>
        <translation>esta janela é somente leitura (papel %1).</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Visão geral</translation>
    </message>
    <message>
        <source>Event #{0} is not in the table (is a filter on?)</source>
        <translation>O evento nº {0} não está na tabela (há um filtro ativo?)</translation>
    </message>
    <message numerus="yes">
        <source>Re-verified %n event(s) of {0}</source>
        <translation>
            <numerusform>%n evento de {0} reverificado</numerusform>
            <numerusform>%n eventos de {0} reverificados</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-verifying {0} failed</source>
        <translation>A reverificação de {0} falhou</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n venda</numerusform>
            <numerusform>%n vendas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln evento</numerusform>
            <numerusform>%Ln eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln event(s)</source>
        <translation>
            <numerusform>{shown} de %Ln evento</numerusform>
            <numerusform>{shown} de %Ln eventos</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not change the stored events: {0}</source>
        <translation>Não foi possível alterar os eventos gravados: {0}</translation>
    </message>
    <message>
        <source>Delete events</source>
        <translation>Excluir eventos</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n selected event(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Excluir %n evento selecionado? Não dá para desfazer.</numerusform>
            <numerusform>Excluir %n eventos selecionados? Não dá para desfazer.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Excluir</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n event(s)…</source>
        <translation>
            <numerusform>Excluindo %n evento…</numerusform>
            <numerusform>Excluindo %n eventos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n event(s)</source>
        <translation>
            <numerusform>%n evento excluído</numerusform>
            <numerusform>%n eventos excluídos</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear all events</source>
        <translation>Limpar todos os eventos</translation>
    </message>
    <message>
        <source>Delete every stored event? This cannot be undone.</source>
        <translation>Excluir todos os eventos gravados? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Deleting every event…</source>
        <translation>Excluindo todos os eventos…</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Visões</translation>
    </message>
    <message>
        <source>Saved filters and views</source>
        <translation>Filtros salvos e visões</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Linhas exibidas</translation>
    </message>
    <message>
        <source>Events toolbar</source>
        <translation>Barra de ferramentas de eventos</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Payment confirmed</source>
        <translation>Pagamento confirmado</translation>
    </message>
    <message>
        <source>Invalid signature</source>
        <translation>Assinatura inválida</translation>
    </message>
    <message>
        <source>Payment problem</source>
        <translation>Pagamento com problema</translation>
    </message>
    <message>
        <source>built-in: money confirmed</source>
        <translation>embutida: dinheiro confirmado</translation>
    </message>
    <message>
        <source>A trusted delivery confirms money; a charge and its payment notify once</source>
        <translation>Uma entrega confiável confirma dinheiro; uma cobrança e o seu pagamento avisam uma vez só</translation>
    </message>
    <message>
        <source>built-in: signature failed</source>
        <translation>embutida: assinatura falhou</translation>
    </message>
    <message>
        <source>A delivery fails its signature check (it changes no status)</source>
        <translation>Uma entrega falha na verificação da assinatura (não muda nenhum status)</translation>
    </message>
    <message>
        <source>built-in: payment problem</source>
        <translation>embutida: pagamento com problema</translation>
    </message>
    <message>
        <source>A payment fails, is declined, refunded or charged back</source>
        <translation>Um pagamento falha, é recusado, estornado ou contestado</translation>
    </message>
    <message>
        <source>Notify when a payment is confirmed</source>
        <translation>Avisar quando um pagamento for confirmado</translation>
    </message>
    <message>
        <source>Notify when a delivery fails its signature check</source>
        <translation>Avisar quando uma entrega falhar na assinatura</translation>
    </message>
    <message>
        <source>Notify when a payment fails, is declined or refunded</source>
        <translation>Avisar quando um pagamento falhar, for recusado ou estornado</translation>
    </message>
    <message>
        <source>template error: {error}</source>
        <translation>erro no modelo: {error}</translation>
    </message>
    <message>
        <source>{reason}; the default text was shown</source>
        <translation>{reason}; foi mostrado o texto padrão</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Listener</source>
        <translation>Receptor</translation>
    </message>
    <message>
        <source>Events today</source>
        <translation>Eventos hoje</translation>
    </message>
    <message>
        <source>Signature failures today</source>
        <translation>Falhas de assinatura hoje</translation>
    </message>
    <message>
        <source>Duplicates today</source>
        <translation>Duplicados hoje</translation>
    </message>
    <message>
        <source>Forwarding pending</source>
        <translation>Encaminhamentos pendentes</translation>
    </message>
    <message>
        <source>Forwarding failing</source>
        <translation>Encaminhamentos falhando</translation>
    </message>
    <message>
        <source>Actions pending</source>
        <translation>Ações pendentes</translation>
    </message>
    <message>
        <source>Actions failing</source>
        <translation>Ações falhando</translation>
    </message>
    <message>
        <source>Confirmed today</source>
        <translation>Confirmados hoje</translation>
    </message>
    <message>
        <source>Pending (open, any day)</source>
        <translation>Pendentes (qualquer dia)</translation>
    </message>
    <message>
        <source>Failed today</source>
        <translation>Falhas hoje</translation>
    </message>
    <message>
        <source>Refunded today</source>
        <translation>Estornados hoje</translation>
    </message>
    <message>
        <source>Events per minute, last hour</source>
        <translation>Eventos por minuto, última hora</translation>
    </message>
    <message>
        <source>events</source>
        <translation>eventos</translation>
    </message>
    <message>
        <source>Confirmed R$ per finance day, last 30 days</source>
        <translation>R$ confirmados por dia financeiro, últimos 30 dias</translation>
    </message>
    <message>
        <source>R$</source>
        <translation>R$</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfego</translation>
    </message>
    <message>
        <source>Click any figure to see the rows behind it.</source>
        <translation>Clique num número para ver as linhas que ele conta.</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Dinheiro</translation>
    </message>
    <message>
        <source>Every request received since midnight of the finance day.</source>
        <translation>Todas as requisições recebidas desde a meia-noite do dia financeiro.</translation>
    </message>
    <message>
        <source>Deliveries received today whose signature was invalid, stale (a possible replay) or missing. They never move a payment.</source>
        <translation>Entregas recebidas hoje com assinatura inválida, vencida (um possível replay) ou ausente. Elas nunca mudam um pagamento.</translation>
    </message>
    <message>
        <source>Deliveries received today that repeat one received before.</source>
        <translation>Entregas recebidas hoje que repetem uma recebida antes.</translation>
    </message>
    <message>
        <source>The status bar&apos;s totals: each sale counts once, on the finance day its current status happened; only verified deliveries count.</source>
        <translation>Os totais da barra de status: cada venda conta uma vez, no dia financeiro em que o seu status atual aconteceu; só contam entregas verificadas.</translation>
    </message>
    <message>
        <source>Sales still open now, whichever day they started.</source>
        <translation>Vendas ainda em aberto agora, de qualquer dia.</translation>
    </message>
    <message>
        <source>Click a bar: that minute&apos;s events.</source>
        <translation>Clique numa barra: os eventos daquele minuto.</translation>
    </message>
    <message>
        <source>Click a bar: that day&apos;s confirmed sales.</source>
        <translation>Clique numa barra: as vendas confirmadas daquele dia.</translation>
    </message>
    <message>
        <source>Updated %1 (read in %2 ms)</source>
        <translation>Atualizado às %1 (lido em %2 ms)</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>Não foi possível ler os números: %1</translation>
    </message>
    <message>
        <source>● Listening</source>
        <translation>● Recebendo</translation>
    </message>
    <message>
        <source>● Not listening</source>
        <translation>● Não está recebendo</translation>
    </message>
    <message>
        <source>Click: the events of the last hour</source>
        <translation>Clique: os eventos da última hora</translation>
    </message>
    <message>
        <source>received since midnight</source>
        <translation>recebidos desde a meia-noite</translation>
    </message>
    <message>
        <source>invalid, stale or missing</source>
        <translation>inválida, vencida ou ausente</translation>
    </message>
    <message>
        <source>deliveries seen before</source>
        <translation>entregas já recebidas antes</translation>
    </message>
    <message>
        <source>Forwarding and actions have no queues in team mode (PostgreSQL) yet.</source>
        <translation>Encaminhamento e ações ainda não têm filas no modo equipe (PostgreSQL).</translation>
    </message>
    <message>
        <source>not in team mode</source>
        <translation>não no modo equipe</translation>
    </message>
    <message>
        <source>waiting for a first try</source>
        <translation>aguardando a primeira tentativa</translation>
    </message>
    <message>
        <source>retrying or given up</source>
        <translation>tentando de novo ou desistiu</translation>
    </message>
    <message>
        <source>waiting for a first run</source>
        <translation>aguardando a primeira execução</translation>
    </message>
    <message>
        <source>Open the queue</source>
        <translation>Abrir a fila</translation>
    </message>
    <message>
        <source>Open the queue to retry</source>
        <translation>Abrir a fila para tentar de novo</translation>
    </message>
    <message>
        <source>Finance day %1 (%2). Only verified deliveries count; each sale counts once.</source>
        <translation>Dia financeiro %1 (%2). Só contam entregas verificadas; cada venda conta uma vez.</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n venda</numerusform>
            <numerusform>%n vendas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n event(s)</source>
        <translation>
            <numerusform>%1: %n evento</numerusform>
            <numerusform>%1: %n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 in %n sale(s)</source>
        <translation>
            <numerusform>%1: %2 em %n venda</numerusform>
            <numerusform>%1: %2 em %n vendas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartsPane</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Copiar valor</translation>
    </message>
    <message>
        <source>Save part as…</source>
        <translation>Salvar parte como…</translation>
    </message>
    <message>
        <source>{0} form fields</source>
        <translation>{0} campos de formulário</translation>
    </message>
    <message>
        <source>(file: save it to see it)</source>
        <translation>(arquivo: salve-o para vê-lo)</translation>
    </message>
    <message>
        <source>{0} parts</source>
        <translation>{0} partes</translation>
    </message>
    <message>
        <source>Save part</source>
        <translation>Salvar parte</translation>
    </message>
</context>
<context>
    <name>PaymentLabels</name>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Estornado</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Outro</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>Cobrança</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Fatura</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferência</translation>
    </message>
    <message>
        <source>P2P transfer</source>
        <translation>Transferência P2P</translation>
    </message>
    <message>
        <source>Bill payment</source>
        <translation>Pagamento de conta</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Saque</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Estorno</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Recorrência</translation>
    </message>
    <message>
        <source>Digital account</source>
        <translation>Conta digital</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>✔ valid</source>
        <translation>✔ válida</translation>
    </message>
    <message>
        <source>✖ invalid</source>
        <translation>✖ inválida</translation>
    </message>
    <message>
        <source>✖ missing</source>
        <translation>✖ ausente</translation>
    </message>
    <message>
        <source>— unsigned</source>
        <translation>— não assinada</translation>
    </message>
    <message>
        <source>? unverified</source>
        <translation>? não verificada</translation>
    </message>
    <message>
        <source>✖ stale</source>
        <translation>✖ vencida</translation>
    </message>
    <message>
        <source>Invalid signature</source>
        <translation>Assinatura inválida</translation>
    </message>
    <message>
        <source>Missing signature</source>
        <translation>Assinatura ausente</translation>
    </message>
    <message>
        <source>Stale signature</source>
        <translation>Assinatura vencida</translation>
    </message>
    <message>
        <source>Confirmed today</source>
        <translation>Confirmados hoje</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Juno · last hour</source>
        <translation>Juno · última hora</translation>
    </message>
    <message>
        <source>Errors (code ≥ 400)</source>
        <translation>Erros (código ≥ 400)</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>não verificado</translation>
    </message>
</context>
<context>
    <name>PaymentsColumns</name>
    <message>
        <source>Updated</source>
        <translation>Atualizado em</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Pagador</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Provider ID</source>
        <translation>ID no provedor</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>First event</source>
        <translation>Primeiro evento</translation>
    </message>
    <message>
        <source>(no status)</source>
        <translation>(sem status)</translation>
    </message>
    <message>
        <source>payment {id}: {status}</source>
        <translation>pagamento {id}: {status}</translation>
    </message>
    <message>
        <source>{status} unverified: the endpoint has no secret yet, so nobody checked the signature. It does not count in the totals and does not notify. Set the endpoint&apos;s secret (Endpoints &amp; secrets…) and the stored deliveries will be verified again.</source>
        <translation>{status} não verificado: o endpoint ainda não tem segredo, então ninguém conferiu a assinatura. Não conta nos totais nem avisa. Defina o segredo do endpoint (Endpoints e segredos…) e as entregas guardadas serão verificadas de novo.</translation>
    </message>
    <message>
        <source>Current status: {status} (since {time})</source>
        <translation>Status atual: {status} (desde {time})</translation>
    </message>
    <message>
        <source>Current status: {status}</source>
        <translation>Status atual: {status}</translation>
    </message>
</context>
<context>
    <name>PaymentsExporter</name>
    <message>
        <source>CSV for Excel / LibreOffice in Portuguese (*.csv)</source>
        <translation>CSV para Excel / LibreOffice em português (*.csv)</translation>
    </message>
    <message>
        <source>Standard CSV (comma, decimal point) (*.csv)</source>
        <translation>CSV padrão (vírgula, ponto decimal) (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>vendas</translation>
    </message>
    <message>
        <source>Export this tab&apos;s sales</source>
        <translation>Exportar vendas desta aba</translation>
    </message>
    <message>
        <source>The export failed: {why}</source>
        <translation>A exportação falhou: {why}</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s) exported to {path}</source>
        <translation>
            <numerusform>%n venda exportada para {path}</numerusform>
            <numerusform>%n vendas exportadas para {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Claimed by a delivery whose signature check failed: not verified, never counted.</source>
        <translation>Alegado por uma entrega cuja assinatura não conferiu: não verificado, nunca contado.</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>não verificado</translation>
    </message>
</context>
<context>
    <name>PaymentsStatus</name>
    <message>
        <source> (verified: {status})</source>
        <translation> (verificado: {status})</translation>
    </message>
    <message numerus="yes">
        <source>%n invalid signature(s)</source>
        <translation>
            <numerusform>%n assinatura inválida</numerusform>
            <numerusform>%n assinaturas inválidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unverified</source>
        <translation>
            <numerusform>%n não verificada</numerusform>
            <numerusform>%n não verificadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n out of order</source>
        <translation>
            <numerusform>%n fora de ordem</numerusform>
            <numerusform>%n fora de ordem</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n duplicada</numerusform>
            <numerusform>%n duplicadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) with an invalid, missing or stale signature: the status did not change.</source>
        <translation>
            <numerusform>%n evento com assinatura inválida, ausente ou vencida: o status não mudou.</numerusform>
            <numerusform>%n eventos com assinatura inválida, ausente ou vencida: o status não mudou.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unverified event(s) (the endpoint has no secret yet): no status change, not counted in the totals. Set the endpoint&apos;s secret to verify.</source>
        <translation>
            <numerusform>%n evento não verificado (o endpoint ainda não tem segredo): não muda o status nem conta nos totais. Defina o segredo do endpoint para verificar.</numerusform>
            <numerusform>%n eventos não verificados (o endpoint ainda não tem segredo): não mudam o status nem contam nos totais. Defina o segredo do endpoint para verificar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) out of order (older than the current status): the status did not go back.</source>
        <translation>
            <numerusform>%n evento fora de ordem (mais antigo que o status atual): o status não voltou atrás.</numerusform>
            <numerusform>%n eventos fora de ordem (mais antigos que o status atual): o status não voltou atrás.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) received again: ignored.</source>
        <translation>
            <numerusform>%n evento recebido de novo: ignorado.</numerusform>
            <numerusform>%n eventos recebidos de novo: ignorados.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsView</name>
    <message>
        <source>Sales</source>
        <translation>Vendas</translation>
    </message>
    <message>
        <source>Filter: category:confirmed today   status:PAID   ref:pedido-1001   amount:&gt;100</source>
        <translation>Filtrar: category:confirmed today   status:PAID   ref:pedido-1001   amount:&gt;100</translation>
    </message>
    <message>
        <source>Filter sales</source>
        <translation>Filtrar vendas</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>carregando…</translation>
    </message>
    <message>
        <source>✖ The search failed: {why}</source>
        <translation>✖ A busca falhou: {why}</translation>
    </message>
</context>
<context>
    <name>ProviderChips</name>
    <message>
        <source>Per provider today:</source>
        <translation>Por provedor hoje:</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>não reconhecido</translation>
    </message>
    <message>
        <source>Today&apos;s events of this provider</source>
        <translation>Os eventos de hoje deste provedor</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Forwarding rules</source>
        <translation>Regras de encaminhamento</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordem</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Forwarding queue</source>
        <translation>Fila de encaminhamento</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Tentar de novo as que falharam</translation>
    </message>
    <message>
        <source>Send the selected failed jobs again (all failed jobs if none is selected)</source>
        <translation>Enviar de novo as tarefas com falha selecionadas (todas as com falha se nenhuma estiver selecionada)</translation>
    </message>
    <message>
        <source>Forward rules: every stored event that matches is delivered to the target</source>
        <translation>Regras de encaminhamento: todo evento gravado que atende ao filtro é entregue ao destino</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>Adicionar regra…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Forwarding starts with the app.</source>
        <translation>O encaminhamento começa junto com o app.</translation>
    </message>
    <message>
        <source>(every event)</source>
        <translation>(todos os eventos)</translation>
    </message>
    <message>
        <source>arrival order</source>
        <translation>ordem de chegada</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualquer</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed job(s) queued again.</source>
        <translation>
            <numerusform>%Ln tarefa com falha voltou para a fila.</numerusform>
            <numerusform>%Ln tarefas com falha voltaram para a fila.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>Copied. The body is binary, so it was saved to {0}; the command reads it.</source>
        <translation>Copiado. O corpo é binário, então foi salvo em {0}; o comando o lê de lá.</translation>
    </message>
    <message>
        <source>Copied the cURL command to the clipboard.</source>
        <translation>Comando cURL copiado para a área de transferência.</translation>
    </message>
    <message>
        <source>Edit and re-send event #{0}</source>
        <translation>Editar e reenviar o evento nº {0}</translation>
    </message>
    <message>
        <source>A URL typed below (no saved target)</source>
        <translation>Uma URL digitada abaixo (sem destino salvo)</translation>
    </message>
    <message>
        <source>Re-sign with the endpoint&apos;s secret</source>
        <translation>Assinar de novo com o segredo do endpoint</translation>
    </message>
    <message>
        <source>Copy as cURL</source>
        <translation>Copiar como cURL</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Not sent yet.</source>
        <translation>Ainda não enviado.</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Requisição:</translation>
    </message>
    <message>
        <source>Headers (sent in this order and case; Host and Content-Length are computed):</source>
        <translation>Cabeçalhos (enviados nesta ordem e com estas maiúsculas; Host e Content-Length são calculados):</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message numerus="yes">
        <source>Binary body (%Ln byte(s)), shown as hex: it is sent exactly as received and cannot be edited here.</source>
        <translation>
            <numerusform>Corpo binário (%Ln byte), mostrado em hex: é enviado exatamente como recebido e não pode ser editado aqui.</numerusform>
            <numerusform>Corpo binário (%Ln bytes), mostrado em hex: é enviado exatamente como recebido e não pode ser editado aqui.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Body of %Ln byte(s): too large to edit here; sent as received.</source>
        <translation>
            <numerusform>Corpo de %Ln byte: grande demais para editar aqui; enviado como recebido.</numerusform>
            <numerusform>Corpo de %Ln bytes: grande demais para editar aqui; enviado como recebido.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Body (%Ln byte(s)): edit it freely; untouched, it goes byte for byte.</source>
        <translation>
            <numerusform>Corpo (%Ln byte): edite à vontade; sem edição, vai byte a byte.</numerusform>
            <numerusform>Corpo (%Ln bytes): edite à vontade; sem edição, vai byte a byte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Body edited ({size} bytes): the edited text is sent, not the original bytes.</source>
        <translation>Corpo editado ({size} bytes): vai o texto editado, não os bytes originais.</translation>
    </message>
    <message>
        <source>This event&apos;s endpoint has no signing provider: nothing to re-sign.</source>
        <translation>O endpoint deste evento não tem provedor que assine: nada a assinar de novo.</translation>
    </message>
    <message>
        <source>No secret is set for {0} ({1}): cannot re-sign.</source>
        <translation>Nenhum segredo definido para {0} ({1}): não é possível assinar de novo.</translation>
    </message>
    <message>
        <source>{0} (sending will record a failed attempt)</source>
        <translation>{0} (enviar vai registrar uma tentativa com falha)</translation>
    </message>
    <message>
        <source> The body was edited: tick this so the target&apos;s signature check passes.</source>
        <translation> O corpo foi editado: marque esta opção para a verificação de assinatura do destino passar.</translation>
    </message>
    <message>
        <source>Available: {0} secret of {1}.</source>
        <translation>Disponível: segredo {0} de {1}.</translation>
    </message>
    <message>
        <source>Cannot re-sign: {0}</source>
        <translation>Não é possível assinar de novo: {0}</translation>
    </message>
    <message>
        <source>no header changed (the signature was already right)</source>
        <translation>nenhum cabeçalho mudou (a assinatura já estava certa)</translation>
    </message>
    <message>
        <source>Re-signed with the {0} secret ({1}), sent with: {2}</source>
        <translation>Assinado de novo com o segredo de {0} ({1}), enviado com: {2}</translation>
    </message>
    <message>
        <source>Not copied: cannot re-sign: {0}</source>
        <translation>Não copiado: não é possível assinar de novo: {0}</translation>
    </message>
    <message>
        <source>Not sent: cannot re-sign: {0}</source>
        <translation>Não enviado: não é possível assinar de novo: {0}</translation>
    </message>
    <message>
        <source>Sending {0} {1}…</source>
        <translation>Enviando {0} {1}…</translation>
    </message>
    <message>
        <source>Answered; recorded in the event&apos;s Attempts tab.</source>
        <translation>Respondido; registrado na aba Tentativas do evento.</translation>
    </message>
    <message>
        <source>Failed; recorded in the event&apos;s Attempts tab.</source>
        <translation>Falhou; registrado na aba Tentativas do evento.</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>default (200)</source>
        <translation>padrão (200)</translation>
    </message>
    <message>
        <source>never answers (timeout)</source>
        <translation>nunca responde (tempo esgotado)</translation>
    </message>
    <message>
        <source>, after {0} ms</source>
        <translation>, após {0} ms</translation>
    </message>
    <message>
        <source>Response of {0}</source>
        <translation>Resposta de {0}</translation>
    </message>
    <message>
        <source>Answer with a custom response</source>
        <translation>Responder com uma resposta personalizada</translation>
    </message>
    <message>
        <source>Never answer (hold the connection until the sender gives up)</source>
        <translation>Nunca responder (segurar a conexão até o remetente desistir)</translation>
    </message>
    <message>
        <source>Template fields: {{ id }} (event id), {{ method }}, {{ path }}, {{ query }}, {{ body }}, {{ json.field }}, {{ headers[&quot;X-Name&quot;] }}. Empty: the default {&quot;ok&quot;: true, &quot;id&quot;: …}.</source>
        <translation>Campos do modelo: {{ id }} (id do evento), {{ method }}, {{ path }}, {{ query }}, {{ body }}, {{ json.field }}, {{ headers[&quot;X-Name&quot;] }}. Vazio: o padrão {&quot;ok&quot;: true, &quot;id&quot;: …}.</translation>
    </message>
    <message>
        <source>Answer (sent only after the request is stored)</source>
        <translation>Resposta (enviada só depois que a requisição é gravada)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Atraso</translation>
    </message>
    <message>
        <source>Apply now</source>
        <translation>Aplicar agora</translation>
    </message>
    <message>
        <source>Fail the next</source>
        <translation>Falhar as próximas</translation>
    </message>
    <message>
        <source>requests with status</source>
        <translation>requisições com status</translation>
    </message>
    <message>
        <source>Exercise the sender&apos;s retries</source>
        <translation>Testar as novas tentativas do remetente</translation>
    </message>
    <message>
        <source>Defined in the config file: change its response there.</source>
        <translation>Definido no arquivo de configuração: altere a resposta lá.</translation>
    </message>
    <message>
        <source>each header line is &apos;Name: value&apos; (got {0!r})</source>
        <translation>cada linha de cabeçalho é &apos;Nome: valor&apos; (veio {0!r})</translation>
    </message>
    <message>
        <source>The next {0} request(s) get {1}.</source>
        <translation>As próximas {0} requisições recebem {1}.</translation>
    </message>
    <message>
        <source>Not failing requests.</source>
        <translation>Sem falhar requisições.</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention</source>
        <translation>Retenção</translation>
    </message>
    <message>
        <source>Keep only the newest</source>
        <translation>Manter só os mais novos</translation>
    </message>
    <message>
        <source> events</source>
        <translation> eventos</translation>
    </message>
    <message>
        <source>Delete events older than</source>
        <translation>Excluir eventos com mais de</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Keep the database under</source>
        <translation>Manter o banco de dados abaixo de</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>The oldest events past any checked limit are deleted in the background, a few hundred at a time, without holding up capture; payment state is rebuilt from the events that remain. Freed space is reused; File ▸ Compact database gives it back to the disk.</source>
        <translation>Os eventos mais antigos além de qualquer limite marcado são excluídos em segundo plano, algumas centenas por vez, sem atrasar a captura; o estado dos pagamentos é reconstruído a partir dos eventos que restam. O espaço liberado é reaproveitado; Arquivo ▸ Compactar banco de dados o devolve ao disco.</translation>
    </message>
    <message>
        <source>Set by [retention] in the config file: change it there.</source>
        <translation>Definido por [retention] no arquivo de configuração: altere lá.</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Forward rule</source>
        <translation>Regra de encaminhamento</translation>
    </message>
    <message>
        <source>Forward rule #{0}</source>
        <translation>Regra de encaminhamento nº {0}</translation>
    </message>
    <message>
        <source>empty: every event; e.g. provider:juno status:PAID</source>
        <translation>vazio: todos os eventos; ex.: provider:juno status:PAID</translation>
    </message>
    <message>
        <source>Deliver in arrival order (one at a time to this target)</source>
        <translation>Entregar na ordem de chegada (um por vez para este destino)</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtro:</translation>
    </message>
    <message>
        <source>Add a target first (Targets…), then a rule that forwards to it.</source>
        <translation>Adicione um destino primeiro (Destinos…) e depois uma regra que encaminhe para ele.</translation>
    </message>
    <message>
        <source>The filter is not valid: {0}</source>
        <translation>O filtro não é válido: {0}</translation>
    </message>
</context>
<context>
    <name>SavedFiltersPanel</name>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Filtros salvos</translation>
    </message>
</context>
<context>
    <name>SecretPrompt</name>
    <message>
        <source>Set secret…</source>
        <translation>Definir segredo…</translation>
    </message>
    <message>
        <source>⚠ There are unverified payments on {paths}: nobody checked the signature because the endpoint has no secret. They do not count in the totals and do not notify. Set the secret and the stored deliveries will be verified again.</source>
        <translation>⚠ Há pagamentos não verificados em {paths}: ninguém conferiu a assinatura porque o endpoint não tem segredo. Eles não contam nos totais nem avisam. Defina o segredo e as entregas guardadas serão verificadas de novo.</translation>
    </message>
</context>
<context>
    <name>SecretsPlace</name>
    <message>
        <source>no system keyring found</source>
        <translation>nenhum chaveiro do sistema encontrado</translation>
    </message>
    <message>
        <source>the system keyring is disabled</source>
        <translation>o chaveiro do sistema está desativado</translation>
    </message>
    <message>
        <source>the system keyring failed ({0})</source>
        <translation>o chaveiro do sistema falhou ({0})</translation>
    </message>
    <message>
        <source>system keyring ({0})</source>
        <translation>chaveiro do sistema ({0})</translation>
    </message>
    <message>
        <source>file {0} (readable only by you) — {1}</source>
        <translation>arquivo {0} (legível só por você) — {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aparência</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Receptor</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Financeiro</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificações</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Retenção</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>The language applies after a restart; the theme at once.</source>
        <translation>O idioma vale depois de reiniciar; o tema, na hora.</translation>
    </message>
    <message>
        <source>none: no token needed on this computer</source>
        <translation>nenhuma: sem token neste computador</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Endereço:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>Body limit:</source>
        <translation>Limite do corpo:</translation>
    </message>
    <message>
        <source>Token variable:</source>
        <translation>Variável do token:</translation>
    </message>
    <message>
        <source>set by the command line</source>
        <translation>definido pela linha de comando</translation>
    </message>
    <message>
        <source>set by [listener] in the config file</source>
        <translation>definido por [listener] no arquivo de configuração</translation>
    </message>
    <message>
        <source>Save for the next start</source>
        <translation>Salvar para a próxima abertura</translation>
    </message>
    <message>
        <source>Listen on this port now</source>
        <translation>Escutar nesta porta agora</translation>
    </message>
    <message>
        <source>Which wins: the command line (--host, --port), then the config file&apos;s [listener], then what is saved here, then the defaults. Saved values apply at the next start; the token variable names an environment variable holding the token, never the token itself.</source>
        <translation>Quem vale: a linha de comando (--host, --port), depois o [listener] do arquivo de configuração, depois o que for salvo aqui, depois os padrões. Valores salvos valem na próxima abertura; a variável do token é o nome de uma variável de ambiente que guarda o token, nunca o próprio token.</translation>
    </message>
    <message>
        <source>Finance day&apos;s time zone:</source>
        <translation>Fuso horário do dia financeiro:</translation>
    </message>
    <message>
        <source>Set by [finance] timezone in the config file: change it there.</source>
        <translation>Definido por [finance] timezone no arquivo de configuração: altere lá.</translation>
    </message>
    <message>
        <source>&quot;Today&quot; in the totals, the filter and the exports is a calendar day in this zone. `main.py totals` and `main.py payments` use it too.</source>
        <translation>&quot;Hoje&quot; nos totais, no filtro e nas exportações é um dia do calendário neste fuso. `main.py totals` e `main.py payments` também o usam.</translation>
    </message>
    <message>
        <source>The same settings as the Notifications menu and the Actions tab&apos;s built-in rules.</source>
        <translation>As mesmas opções do menu Notificações e das regras embutidas da aba Ações.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention applies to this computer&apos;s SQLite store only.</source>
        <translation>A retenção vale só para o banco SQLite deste computador.</translation>
    </message>
    <message>
        <source>the newest %1 events</source>
        <translation>os %1 eventos mais novos</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 dias</translation>
    </message>
    <message>
        <source>under %1 GB</source>
        <translation>abaixo de %1 GB</translation>
    </message>
    <message>
        <source>Keeping: %1.</source>
        <translation>Guardando: %1.</translation>
    </message>
    <message>
        <source>Keeping every event (no limit).</source>
        <translation>Guardando todos os eventos (sem limite).</translation>
    </message>
    <message>
        <source>Change retention…</source>
        <translation>Alterar retenção…</translation>
    </message>
    <message>
        <source>Saved: applies at the next start.</source>
        <translation>Salvo: vale a partir da próxima abertura.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Focus the filter of the current tab (in the inspector: search in the body)</source>
        <translation>Vai para o filtro da aba atual (no inspetor: busca no corpo)</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Janela</translation>
    </message>
    <message>
        <source>Focus the filter of the current tab</source>
        <translation>Vai para o filtro da aba atual</translation>
    </message>
    <message>
        <source>Open the selected event in the inspector</source>
        <translation>Abre o evento selecionado no inspetor</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Re-send the selected events to a target</source>
        <translation>Reenvia os eventos selecionados para um destino</translation>
    </message>
    <message>
        <source>Edit and re-send the current event</source>
        <translation>Edita e reenvia o evento atual</translation>
    </message>
    <message>
        <source>Delete the selected events (asks first)</source>
        <translation>Exclui os eventos selecionados (pergunta antes)</translation>
    </message>
    <message>
        <source>List every shortcut (this list)</source>
        <translation>Lista todos os atalhos (esta lista)</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Próxima aba</translation>
    </message>
    <message>
        <source>Previous tab</source>
        <translation>Aba anterior</translation>
    </message>
    <message>
        <source>Next or previous control (also out of a table)</source>
        <translation>Próximo ou anterior controle (também para sair de uma tabela)</translation>
    </message>
    <message>
        <source>The menu bar (then arrows)</source>
        <translation>A barra de menus (depois as setas)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>O que faz</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Onde</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>StorageController</name>
    <message>
        <source>Size of the events database on disk (with its write-ahead log)</source>
        <translation>Tamanho em disco do banco de dados de eventos (com seu log de escrita antecipada)</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>Banco de dados: {0}</translation>
    </message>
    <message>
        <source>Compact database</source>
        <translation>Compactar banco de dados</translation>
    </message>
    <message>
        <source>Compacting rewrites the database ({0}) to give the space of deleted events back to the disk. It needs about that much free disk space, and new requests wait (or are answered 503) while it runs. Compact now?</source>
        <translation>Compactar reescreve o banco de dados ({0}) para devolver ao disco o espaço dos eventos excluídos. Precisa de mais ou menos esse espaço livre em disco, e novas requisições esperam (ou recebem 503) enquanto isso. Compactar agora?</translation>
    </message>
    <message>
        <source>Compact failed: {0}</source>
        <translation>A compactação falhou: {0}</translation>
    </message>
    <message>
        <source>Compacted: {0} → {1}</source>
        <translation>Compactado: {0} → {1}</translation>
    </message>
</context>
<context>
    <name>SubscriptionSession</name>
    <message>
        <source>in the system keyring</source>
        <translation>no chaveiro do sistema</translation>
    </message>
    <message>
        <source>in the file</source>
        <translation>no arquivo</translation>
    </message>
    <message>
        <source>Webhook {0} created; secret kept {1} for the endpoint {2}.</source>
        <translation>Webhook {0} criado; segredo guardado {1} para o endpoint {2}.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausado</translation>
    </message>
    <message numerus="yes">
        <source>Webhook {0}: {1}, %n event(s).</source>
        <translation>
            <numerusform>Webhook {0}: {1}, %n evento.</numerusform>
            <numerusform>Webhook {0}: {1}, %n eventos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook {0} deleted.</source>
        <translation>Webhook {0} excluído.</translation>
    </message>
</context>
<context>
    <name>SubscriptionsOpener</name>
    <message>
        <source>Subscriptions</source>
        <translation>Assinaturas de webhooks</translation>
    </message>
    <message>
        <source>Webhooks at the providers (Juno, Stripe, Asaas)…</source>
        <translation>Webhooks nos provedores (Juno, Stripe, Asaas)…</translation>
    </message>
</context>
<context>
    <name>SubscriptionsWindow</name>
    <message>
        <source>Webhook subscriptions</source>
        <translation>Assinaturas de webhooks</translation>
    </message>
    <message>
        <source>{0} (dashboard only)</source>
        <translation>{0} (só pelo painel)</translation>
    </message>
    <message>
        <source>Credentials…</source>
        <translation>Credenciais…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Provedor:</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>Falhou: {0}</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Address (URL)</source>
        <translation>Endereço (URL)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Save checked events</source>
        <translation>Salvar eventos marcados</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Webhooks registered in this account</source>
        <translation>Webhooks cadastrados nesta conta</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>Tipos de evento</translation>
    </message>
    <message>
        <source>Create webhook</source>
        <translation>Criar webhook</translation>
    </message>
    <message>
        <source>Public address:</source>
        <translation>Endereço público:</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>Caminho:</translation>
    </message>
    <message>
        <source>Will be registered:</source>
        <translation>Será cadastrado:</translation>
    </message>
    <message>
        <source>New webhook (check the events on the right)</source>
        <translation>Novo webhook (marque os eventos à direita)</translation>
    </message>
    <message>
        <source>Open the {0} dashboard</source>
        <translation>Abrir o painel de {0}</translation>
    </message>
    <message>
        <source>Environment: {0}</source>
        <translation>Ambiente: {0}</translation>
    </message>
    <message>
        <source>(enter the public address)</source>
        <translation>(informe o endereço público)</translation>
    </message>
    <message>
        <source>Discontinued: Juno no longer sends this event</source>
        <translation>Descontinuado: a Juno não envia mais este evento</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Asking {0}…</source>
        <translation>Consultando {0}…</translation>
    </message>
    <message>
        <source>Enter the public address (https://…).</source>
        <translation>Informe o endereço público (https://…).</translation>
    </message>
    <message>
        <source>Check at least one event type on the right.</source>
        <translation>Marque ao menos um tipo de evento à direita.</translation>
    </message>
    <message>
        <source>Refused: {0} starts with http://. {1} only delivers to HTTPS addresses; use a reverse proxy or a tunnel with HTTPS (see the README).</source>
        <translation>Recusado: {0} começa com http://. {1} só entrega em endereços HTTPS; use um proxy reverso ou túnel com HTTPS (veja o README).</translation>
    </message>
    <message>
        <source>A webhook needs at least one event; to stop it, pause it.</source>
        <translation>Um webhook precisa de ao menos um evento; para parar, pause-o.</translation>
    </message>
    <message>
        <source>Delete webhook</source>
        <translation>Excluir webhook</translation>
    </message>
    <message>
        <source>Delete the webhook {0} ({1})? The provider stops sending it events.</source>
        <translation>Excluir o webhook {0} ({1})? O provedor deixa de enviar eventos para ele.</translation>
    </message>
    <message>
        <source>There is nowhere to keep credentials (no keyring and no file).</source>
        <translation>Não há onde guardar credenciais (sem chaveiro nem arquivo).</translation>
    </message>
    <message>
        <source>Credentials kept.</source>
        <translation>Credenciais guardadas.</translation>
    </message>
    <message>
        <source>Incomplete: {0}
Webhook secret: {1}</source>
        <translation>Incompleto: {0}
Segredo do webhook: {1}</translation>
    </message>
    <message>
        <source>Mercado Pago has no API to register webhooks: register the URL in Your integrations → Webhooks, copy the secret signature it makes and paste it in Endpoints &amp; secrets.</source>
        <translation>O Mercado Pago não tem API para cadastrar webhooks: cadastre a URL em Suas integrações → Webhooks, copie a assinatura secreta gerada e cole-a em Endpoints e segredos.</translation>
    </message>
    <message>
        <source>Pagar.me registers webhooks in its dashboard (Settings → Webhooks), or per transaction with postback_url; there is no API for it.</source>
        <translation>O Pagar.me cadastra webhooks no painel (Configurações → Webhooks), ou por transação com postback_url; não há API para isso.</translation>
    </message>
    <message>
        <source>PagBank does not register webhooks by API: each order or charge carries notification_urls.</source>
        <translation>O PagBank não cadastra webhooks por API: cada pedido ou cobrança leva notification_urls.</translation>
    </message>
    <message>
        <source>The address must be HTTPS and reachable from the internet (a team-mode server, a reverse proxy or a tunnel: see the README). The webhook&apos;s secret goes straight to the keyring and the path becomes an endpoint, with no copy and paste.</source>
        <translation>O endereço precisa ser HTTPS e acessível pela internet (servidor do modo equipe, proxy reverso ou túnel: veja o README). O segredo do webhook vai direto para o chaveiro e o caminho vira um endpoint, sem copiar e colar.</translation>
    </message>
    <message>
        <source>Juno&apos;s rule: two webhooks of the same digital account cannot subscribe to the same event; pause the other or remove the event from it first. The URL cannot change once created: delete it and create another.</source>
        <translation>Regra da Juno: dois webhooks da mesma conta digital não podem assinar o mesmo evento; pause o outro ou tire o evento dele antes. A URL não muda depois de criada: exclua e crie outro.</translation>
    </message>
    <message>
        <source>Stripe shows the secret only when the webhook is created.</source>
        <translation>A Stripe só mostra o segredo na criação.</translation>
    </message>
    <message>
        <source>Asaas requires the e-mail of [providers.asaas] for stopped-queue notices.</source>
        <translation>A Asaas exige o e-mail de [providers.asaas] para avisos de fila parada.</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Targets</source>
        <translation>Destinos</translation>
    </message>
    <message>
        <source>New target</source>
        <translation>Novo destino</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Save target</source>
        <translation>Salvar destino</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>my app</source>
        <translation>meu app</translation>
    </message>
    <message>
        <source>/juno — removed from the start of the event&apos;s path</source>
        <translation>/juno — removido do início do caminho do evento</translation>
    </message>
    <message>
        <source>Append the event&apos;s path and query to this URL</source>
        <translation>Acrescentar o caminho e a query do evento a esta URL</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>Caminho:</translation>
    </message>
    <message>
        <source>Strip prefix:</source>
        <translation>Remover prefixo:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Tempo limite:</translation>
    </message>
    <message>
        <source>Add headers:</source>
        <translation>Adicionar cabeçalhos:</translation>
    </message>
    <message>
        <source>Drop headers:</source>
        <translation>Remover cabeçalhos:</translation>
    </message>
    <message>
        <source>New target: fill it in, then Save target.</source>
        <translation>Novo destino: preencha e depois clique em Salvar destino.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Não salvo: {0}</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>“{0}” salvo.</translation>
    </message>
    <message>
        <source>Remove target</source>
        <translation>Remover destino</translation>
    </message>
    <message>
        <source>Remove “{0}”? Its forward rules are removed with it, and deliveries still queued for it are marked failed.</source>
        <translation>Remover “{0}”? As regras de encaminhamento dele são removidas junto, e as entregas ainda na fila para ele são marcadas como falhas.</translation>
    </message>
    <message>
        <source>Removed “{0}” and its forward rules; its queued deliveries are marked failed.</source>
        <translation>“{0}” e suas regras de encaminhamento foram removidos; as entregas na fila foram marcadas como falhas.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Status → {status}</source>
        <translation>Status → {status}</translation>
    </message>
    <message>
        <source>↻ Duplicate of no. {id}: ignored</source>
        <translation>↻ Duplicada do nº {id}: ignorada</translation>
    </message>
    <message>
        <source>⚠ Invalid signature: the status did not change</source>
        <translation>⚠ Assinatura inválida: não mudou o status</translation>
    </message>
    <message>
        <source>? Unverified (no secret): the status did not change</source>
        <translation>? Não verificada (sem segredo): não mudou o status</translation>
    </message>
    <message>
        <source>↶ Out of order: the status did not go back</source>
        <translation>↶ Fora de ordem: o status não voltou</translation>
    </message>
    <message>
        <source>No status change</source>
        <translation>Sem mudança de status</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>No.</source>
        <translation>Nº</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebido em</translation>
    </message>
    <message>
        <source>Provider time</source>
        <translation>Hora no provedor</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Assinatura</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>Efeito</translation>
    </message>
    <message>
        <source>Show event in the Events tab</source>
        <translation>Mostrar evento na aba Eventos</translation>
    </message>
    <message>
        <source>Timeline of the selected sale</source>
        <translation>Linha do tempo da venda selecionada</translation>
    </message>
    <message>
        <source>Timeline: select a payment above.</source>
        <translation>Linha do tempo: selecione um pagamento acima.</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidade</translation>
    </message>
    <message>
        <source>payment {id}</source>
        <translation>pagamento {id}</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline · {parts}</source>
        <translation>Linha do tempo · {parts}</translation>
    </message>
</context>
<context>
    <name>TotalsLabel</name>
    <message>
        <source>Finance day: the calendar day in {zone} (not the computer&apos;s).
Each sale (a charge and its payment) counts once, in the category of its current status, on the day that status happened (the provider&apos;s time; the time received when the provider does not say).
Only verified deliveries count (a valid signature, or unsigned on an endpoint marked as trusted): a &apos;PAID · unverified&apos; is in no total.
Confirmed today: sales paid today, not refunded. Refunded today: payments given back or disputed today (they leave the confirmed). Failed today: sales that failed today.
Pending: sales open now, from any day.
Click a total to see exactly the rows it counts.</source>
        <translation>Dia financeiro: o dia do calendário em {zone} (não o do computador).
Cada venda (uma cobrança e o seu pagamento) conta uma vez, na categoria do seu status atual, no dia em que esse status aconteceu (hora do provedor; hora de recebimento quando o provedor não informa).
Só contam entregas verificadas (assinatura válida, ou não assinada num endpoint marcado como confiável): um &apos;PAID · não verificado&apos; não entra em nenhum total.
Confirmados hoje: vendas pagas hoje, sem estorno. Estornados hoje: pagamentos devolvidos ou contestados hoje (saem dos confirmados). Falhas hoje: vendas que falharam hoje.
Pendentes: vendas em aberto agora, de qualquer dia.
Clique num total para ver exatamente as linhas que ele conta.</translation>
    </message>
    <message>
        <source>Confirmed today: {count} · {money}</source>
        <translation>Confirmados hoje: {count} · {money}</translation>
    </message>
    <message>
        <source>Refunded today: {count} · {money}</source>
        <translation>Estornados hoje: {count} · {money}</translation>
    </message>
    <message>
        <source>Failed today: {count}</source>
        <translation>Falhas hoje: {count}</translation>
    </message>
    <message>
        <source>Pending: {count}</source>
        <translation>Pendentes: {count}</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>Select an event in the Events tab first.</source>
        <translation>Selecione antes um evento na aba Eventos.</translation>
    </message>
    <message>
        <source>Re-sending is not available in this window.</source>
        <translation>Reenviar não está disponível nesta janela.</translation>
    </message>
    <message>
        <source>Re-send selected events to</source>
        <translation>Reenviar os eventos selecionados para</translation>
    </message>
    <message>
        <source>Copy as cURL, as it arrived</source>
        <translation>Copiar como cURL, como chegou</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Eventos</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Atalhos de teclado…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Database cannot be read</source>
        <translation>O banco de dados não pode ser lido</translation>
    </message>
    <message>
        <source>{0}.

Move it aside and start with an empty database? The old file is kept next to it, renamed, so nothing is deleted.</source>
        <translation>{0}.

Movê-lo para o lado e começar com um banco de dados vazio? O arquivo antigo fica ao lado, renomeado, então nada é excluído.</translation>
    </message>
    <message>
        <source>Database moved aside</source>
        <translation>Banco de dados movido para o lado</translation>
    </message>
    <message>
        <source>The unreadable database was kept as:
{0}</source>
        <translation>O banco de dados ilegível foi guardado como:
{0}</translation>
    </message>
    <message>
        <source>Cannot open the data directory</source>
        <translation>Não foi possível abrir o diretório de dados</translation>
    </message>
</context>
</TS>
