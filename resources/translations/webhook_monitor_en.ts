<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ActionRuleDialog</name>
        <message>
            <source>Action rule</source>
            <translation>Action rule</translation>
        </message>
        <message>
            <source>Action rule: %s</source>
            <translation>Action rule: %s</translation>
        </message>
        <message>
            <source>For anything touching money, add %s: only verified deliveries then match.</source>
            <translation>For anything touching money, add %s: only verified deliveries then match.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>built in: the app decides when it is due</source>
            <translation>built in: the app decides when it is due</translation>
        </message>
        <message>
            <source>empty: the default text</source>
            <translation>empty: the default text</translation>
        </message>
        <message>
            <source>Arguments (one per line)</source>
            <translation>Arguments (one per line)</translation>
        </message>
        <message>
            <source>Working directory</source>
            <translation>Working directory</translation>
        </message>
        <message>
            <source>Timeout</source>
            <translation>Timeout</translation>
        </message>
        <message>
            <source>The event's body arrives on stdin; WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, WEBHOOK_REFERENCE… in the environment; WEBHOOK_EVENT_JSON names a file with the whole event. Exit code 0 is success. No shell is involved.</source>
            <translation>The event's body arrives on stdin; WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, WEBHOOK_REFERENCE… in the environment; WEBHOOK_EVENT_JSON names a file with the whole event. Exit code 0 is success. No shell is involved.</translation>
        </message>
        <message>
            <source>finance@example.com</source>
            <translation>finance@example.com</translation>
        </message>
        <message>
            <source>empty: the built-in Portuguese subject</source>
            <translation>empty: the built-in Portuguese subject</translation>
        </message>
        <message>
            <source>Order {{ reference }} from {{ payer }} is paid: {{ amount_text }}.</source>
            <translation>Order {{ reference }} from {{ payer }} is paid: {{ amount_text }}.</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Subject</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>empty: the rule's name</source>
            <translation>empty: the rule's name</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>Runs: %s</source>
            <translation>Runs: %s</translation>
        </message>
        <message>
            <source>The filter is not valid: %s</source>
            <translation>The filter is not valid: %s</translation>
        </message>
    </context>
    <context>
        <name>ActionsPanel</name>
        <message>
            <source>Action rules</source>
            <translation>Action rules</translation>
        </message>
        <message>
            <source>Action runs</source>
            <translation>Action runs</translation>
        </message>
        <message>
            <source>Queued action runs</source>
            <translation>Queued action runs</translation>
        </message>
        <message>
            <source>Retry failed</source>
            <translation>Retry failed</translation>
        </message>
        <message>
            <source>Runs</source>
            <translation>Runs</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Queue</translation>
        </message>
        <message>
            <source>Run details</source>
            <translation>Run details</translation>
        </message>
        <message>
            <source>Select a run to see its output</source>
            <translation>Select a run to see its output</translation>
        </message>
        <message>
            <source>New rule…</source>
            <translation>New rule…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <source>Turn off</source>
            <translation>Turn off</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Restore default</source>
            <translation>Restore default</translation>
        </message>
        <message>
            <source>The built-in notification's own title and text</source>
            <translation>The built-in notification's own title and text</translation>
        </message>
        <message>
            <source>Dry run on the selected event</source>
            <translation>Dry run on the selected event</translation>
        </message>
        <message>
            <source>Run again</source>
            <translation>Run again</translation>
        </message>
        <message>
            <source>SMTP password…</source>
            <translation>SMTP password…</translation>
        </message>
        <message>
            <source>Kept in the system keyring; [smtp] password_env wins when set</source>
            <translation>Kept in the system keyring; [smtp] password_env wins when set</translation>
        </message>
        <message>
            <source>Actions run once the delivery hub has started.</source>
            <translation>Actions run once the delivery hub has started.</translation>
        </message>
        <message numerus="yes">
            <source>%n rule(s); actions also run in headless mode, from the same store.</source>
            <translation>
                <numerusform>%n rule; actions also run in headless mode, from the same store.</numerusform>
                <numerusform>%n rules; actions also run in headless mode, from the same store.</numerusform>
            </translation>
        </message>
        <message>
            <source>This rule comes from the config file</source>
            <translation>This rule comes from the config file</translation>
        </message>
        <message>
            <source>A built-in notification cannot be deleted: turn it off</source>
            <translation>A built-in notification cannot be deleted: turn it off</translation>
        </message>
        <message>
            <source>Turn on</source>
            <translation>Turn on</translation>
        </message>
        <message>
            <source>Fields: %s. Empty: the default text.</source>
            <translation>Fields: %s. Empty: the default text.</translation>
        </message>
        <message>
            <source>Action rule</source>
            <translation>Action rule</translation>
        </message>
        <message>
            <source>Could not save the rule: %s</source>
            <translation>Could not save the rule: %s</translation>
        </message>
        <message>
            <source>SMTP password</source>
            <translation>SMTP password</translation>
        </message>
        <message>
            <source>Password of the [smtp] user (kept in the system keyring):</source>
            <translation>Password of the [smtp] user (kept in the system keyring):</translation>
        </message>
        <message>
            <source>Could not keep the SMTP password: %s</source>
            <translation>Could not keep the SMTP password: %s</translation>
        </message>
        <message>
            <source>SMTP password kept (%s).</source>
            <translation>SMTP password kept (%s).</translation>
        </message>
        <message>
            <source>Select an event in the Events tab first: the dry run uses it.</source>
            <translation>Select an event in the Events tab first: the dry run uses it.</translation>
        </message>
        <message>
            <source>Dry run: %s on event #%d</source>
            <translation>Dry run: %s on event #%d</translation>
        </message>
        <message numerus="yes">
            <source>%n failed job(s) queued again.</source>
            <translation>
                <numerusform>%n failed job queued again.</numerusform>
                <numerusform>%n failed jobs queued again.</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a run, or a rule and an event in the Events tab.</source>
            <translation>Select a run, or a rule and an event in the Events tab.</translation>
        </message>
        <message>
            <source>Queued: rule #%d on event #%d, by hand.</source>
            <translation>Queued: rule #%d on event #%d, by hand.</translation>
        </message>
    </context>
    <context>
        <name>ActionsTab</name>
        <message>
            <source>pending</source>
            <translation>pending</translation>
        </message>
        <message>
            <source>running</source>
            <translation>running</translation>
        </message>
        <message>
            <source>retrying</source>
            <translation>retrying</translation>
        </message>
        <message>
            <source>done</source>
            <translation>done</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>failed</translation>
        </message>
        <message>
            <source>Run a command</source>
            <translation>Run a command</translation>
        </message>
        <message>
            <source>Send an e-mail</source>
            <translation>Send an e-mail</translation>
        </message>
        <message>
            <source>Show a notification</source>
            <translation>Show a notification</translation>
        </message>
        <message>
            <source>On</source>
            <translation>On</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Command / recipients</source>
            <translation>Command / recipients</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Queue</translation>
        </message>
        <message>
            <source>From the config file: edit it there</source>
            <translation>From the config file: edit it there</translation>
        </message>
        <message>
            <source>(built-in)</source>
            <translation>(built-in)</translation>
        </message>
        <message>
            <source>Built-in: it can be turned off and its title and text edited, not deleted</source>
            <translation>Built-in: it can be turned off and its title and text edited, not deleted</translation>
        </message>
        <message>
            <source>edited title and text</source>
            <translation>edited title and text</translation>
        </message>
        <message>
            <source>default title and text</source>
            <translation>default title and text</translation>
        </message>
        <message>
            <source>Title: {title}
Text: {body}</source>
            <translation>Title: {title}
Text: {body}</translation>
        </message>
        <message>
            <source>shown at once, no queue</source>
            <translation>shown at once, no queue</translation>
        </message>
        <message>
            <source>(config file)</source>
            <translation>(config file)</translation>
        </message>
        <message>
            <source>(every event)</source>
            <translation>(every event)</translation>
        </message>
        <message>
            <source>{done} done · {waiting} waiting · {failed} failed</source>
            <translation>{done} done · {waiting} waiting · {failed} failed</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Started</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Rule</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Duration</translation>
        </message>
        <message>
            <source>(by hand)</source>
            <translation>(by hand)</translation>
        </message>
        <message>
            <source>Rule: {name} ({kind})</source>
            <translation>Rule: {name} ({kind})</translation>
        </message>
        <message>
            <source>Event: #{id}</source>
            <translation>Event: #{id}</translation>
        </message>
        <message>
            <source>Result: {answer}</source>
            <translation>Result: {answer}</translation>
        </message>
        <message>
            <source>Exit code: {code}</source>
            <translation>Exit code: {code}</translation>
        </message>
        <message>
            <source>stdout:</source>
            <translation>stdout:</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <source>stderr:</source>
            <translation>stderr:</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <source>Next try</source>
            <translation>Next try</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Last error</translation>
        </message>
    </context>
    <context>
        <name>AlertList</name>
        <message>
            <source>Clear list</source>
            <translation>Clear list</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alert</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Detail</translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s) (double-click opens the sale)</source>
            <translation>
                <numerusform>%n alert (double-click opens the sale)</numerusform>
                <numerusform>%n alerts (double-click opens the sale)</numerusform>
            </translation>
        </message>
        <message>
            <source>No alerts.</source>
            <translation>No alerts.</translation>
        </message>
    </context>
    <context>
        <name>AttemptDetails</name>
        <message>
            <source>nothing is listening there: is the target app running, on that port?</source>
            <translation>nothing is listening there: is the target app running, on that port?</translation>
        </message>
        <message>
            <source>the target took too long: raise the target's timeout or check the app</source>
            <translation>the target took too long: raise the target's timeout or check the app</translation>
        </message>
        <message>
            <source>the HTTPS certificate was not accepted; use http:// for a local app</source>
            <translation>the HTTPS certificate was not accepted; use http:// for a local app</translation>
        </message>
        <message>
            <source>check the host name in the URL</source>
            <translation>check the host name in the URL</translation>
        </message>
        <message>
            <source>fix the URL and send again</source>
            <translation>fix the URL and send again</translation>
        </message>
        <message>
            <source>fix or remove that header and send again</source>
            <translation>fix or remove that header and send again</translation>
        </message>
        <message>
            <source>the body is over the re-send limit; nothing was sent</source>
            <translation>the body is over the re-send limit; nothing was sent</translation>
        </message>
        <message>
            <source>Response headers</source>
            <translation>Response headers</translation>
        </message>
        <message>
            <source>Response body</source>
            <translation>Response body</translation>
        </message>
        <message>
            <source>Show all</source>
            <translation>Show all</translation>
        </message>
        <message>
            <source>Response headers:</source>
            <translation>Response headers:</translation>
        </message>
        <message>
            <source> in {0} ms</source>
            <translation> in {0} ms</translation>
        </message>
        <message numerus="yes">
            <source>Response body: %Ln byte(s)</source>
            <translation>
                <numerusform>Response body: %Ln byte</numerusform>
                <numerusform>Response body: %Ln bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>the target sent more; only the first {0} KiB are kept</source>
            <translation>the target sent more; only the first {0} KiB are kept</translation>
        </message>
        <message>
            <source>showing the first {0} characters</source>
            <translation>showing the first {0} characters</translation>
        </message>
        <message>
            <source>Show less</source>
            <translation>Show less</translation>
        </message>
    </context>
    <context>
        <name>AttemptsModel</name>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Status / error</source>
            <translation>Status / error</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>Latency</translation>
        </message>
    </context>
    <context>
        <name>AttemptsPanel</name>
        <message>
            <source>Re-send attempts</source>
            <translation>Re-send attempts</translation>
        </message>
        <message>
            <source>Select an event to see where it was re-sent or forwarded.</source>
            <translation>Select an event to see where it was re-sent or forwarded.</translation>
        </message>
        <message>
            <source>Not re-sent or forwarded yet. Attempts appear here, kept across restarts.</source>
            <translation>Not re-sent or forwarded yet. Attempts appear here, kept across restarts.</translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s), newest first.</source>
            <translation>
                <numerusform>%n attempt, newest first.</numerusform>
                <numerusform>%n attempts, newest first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BodyTabs</name>
        <message>
            <source>Copy body</source>
            <translation>Copy body</translation>
        </message>
        <message>
            <source>Save body as…</source>
            <translation>Save body as…</translation>
        </message>
        <message>
            <source>Copy hex</source>
            <translation>Copy hex</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>Tree</source>
            <translation>Tree</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Fields</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Hex</source>
            <translation>Hex</translation>
        </message>
        <message>
            <source>Reading {0}…</source>
            <translation>Reading {0}…</translation>
        </message>
        <message>
            <source>the body process stopped; select the event again</source>
            <translation>the body process stopped; select the event again</translation>
        </message>
        <message>
            <source>Failed: {0}</source>
            <translation>Failed: {0}</translation>
        </message>
        <message>
            <source>Cannot show this body: {0}</source>
            <translation>Cannot show this body: {0}</translation>
        </message>
        <message>
            <source> — preview cut; copy or save takes every byte</source>
            <translation> — preview cut; copy or save takes every byte</translation>
        </message>
        <message>
            <source>encoded</source>
            <translation>encoded</translation>
        </message>
        <message>
            <source>Decoded view of a {0} body of {1} bytes (Save body as… writes those bytes): </source>
            <translation>Decoded view of a {0} body of {1} bytes (Save body as… writes those bytes): </translation>
        </message>
        <message>
            <source>(in the preview)</source>
            <translation>(in the preview)</translation>
        </message>
        <message>
            <source>{0} bytes</source>
            <translation>{0} bytes</translation>
        </message>
        <message>
            <source>The first {0} of {1} bytes; Save body as… writes them all</source>
            <translation>The first {0} of {1} bytes; Save body as… writes them all</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>Parts</translation>
        </message>
        <message>
            <source>Save body</source>
            <translation>Save body</translation>
        </message>
    </context>
    <context>
        <name>BulkResend</name>
        <message>
            <source>No targets yet: add one with Targets…</source>
            <translation>No targets yet: add one with Targets…</translation>
        </message>
        <message>
            <source>No events to re-send.</source>
            <translation>No events to re-send.</translation>
        </message>
        <message>
            <source>Not started: {0}.</source>
            <translation>Not started: {0}.</translation>
        </message>
        <message>
            <source>Re-send events</source>
            <translation>Re-send events</translation>
        </message>
        <message>
            <source>Send %n event(s) to {name}?</source>
            <translation>Send %n event(s) to {name}?</translation>
        </message>
        <message>
            <source>Target URL: {url}</source>
            <translation>Target URL: {url}</translation>
        </message>
        <message>
            <source>&amp;Send %n event(s)</source>
            <translation>&amp;Send %n event(s)</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Send</translation>
        </message>
        <message>
            <source>Copy as cURL for</source>
            <translation>Copy as cURL for</translation>
        </message>
        <message>
            <source>Event {0} no longer exists.</source>
            <translation>Event {0} no longer exists.</translation>
        </message>
    </context>
    <context>
        <name>BulkResendDialog</name>
        <message>
            <source>Re-sending events</source>
            <translation>Re-sending events</translation>
        </message>
        <message numerus="yes">
            <source>Re-sending %Ln event(s) to {0}…</source>
            <translation>
                <numerusform>Re-sending %Ln event to {0}…</numerusform>
                <numerusform>Re-sending %Ln events to {0}…</numerusform>
            </translation>
        </message>
        <message>
            <source>0 of {0} sent</source>
            <translation>0 of {0} sent</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source> · {0} failed</source>
            <translation> · {0} failed</translation>
        </message>
        <message>
            <source>{0} of {1} sent</source>
            <translation>{0} of {1} sent</translation>
        </message>
        <message>
            <source>Re-send cancelled</source>
            <translation>Re-send cancelled</translation>
        </message>
        <message>
            <source>Re-send finished</source>
            <translation>Re-send finished</translation>
        </message>
        <message>
            <source>{0} ok, {1} failed</source>
            <translation>{0} ok, {1} failed</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Cancelling: the sends already on the way finish and are recorded…</source>
            <translation>Cancelling: the sends already on the way finish and are recorded…</translation>
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
            <translation>Private token (X-Resource-Token)</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API key</translation>
        </message>
        <message>
            <source>API credentials — {0}</source>
            <translation>API credentials — {0}</translation>
        </message>
        <message>
            <source>kept ({0}); leave empty to keep it</source>
            <translation>kept ({0}); leave empty to keep it</translation>
        </message>
        <message>
            <source>not set (${0} or the keyring)</source>
            <translation>not set (${0} or the keyring)</translation>
        </message>
        <message>
            <source>Kept in: {0}. An environment variable with the same role wins. They never go to the configuration file nor to the database.</source>
            <translation>Kept in: {0}. An environment variable with the same role wins. They never go to the configuration file nor to the database.</translation>
        </message>
        <message>
            <source>Could not keep them: {0}</source>
            <translation>Could not keep them: {0}</translation>
        </message>
    </context>
    <context>
        <name>CurlAsReceived</name>
        <message>
            <source>Copied. The body is large, so it was saved to {path}; the command reads it.</source>
            <translation>Copied. The body is large, so it was saved to {path}; the command reads it.</translation>
        </message>
        <message>
            <source>Copied the cURL command that sends event #{id} as it arrived.</source>
            <translation>Copied the cURL command that sends event #{id} as it arrived.</translation>
        </message>
    </context>
    <context>
        <name>DeliveryActions</name>
        <message>
            <source>Attempts</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <source>Forwarding</source>
            <translation>Forwarding</translation>
        </message>
        <message>
            <source>Targets…</source>
            <translation>Targets…</translation>
        </message>
        <message>
            <source>Re-send</source>
            <translation>Re-send</translation>
        </message>
        <message>
            <source>Re-send the selected events, or all that match the filter, to a target</source>
            <translation>Re-send the selected events, or all that match the filter, to a target</translation>
        </message>
        <message>
            <source>Selected events to</source>
            <translation>Selected events to</translation>
        </message>
        <message>
            <source>All matching the filter to</source>
            <translation>All matching the filter to</translation>
        </message>
        <message>
            <source>Edit and re-send…</source>
            <translation>Edit and re-send…</translation>
        </message>
        <message>
            <source>Event {0} no longer exists.</source>
            <translation>Event {0} no longer exists.</translation>
        </message>
    </context>
    <context>
        <name>DiffPane</name>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>Header</source>
            <translation>Header</translation>
        </message>
        <message>
            <source>Path</source>
            <translation>Path</translation>
        </message>
        <message>
            <source>Copy diff</source>
            <translation>Copy diff</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>changed</translation>
        </message>
        <message>
            <source>added</source>
            <translation>added</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>removed</translation>
        </message>
        <message>
            <source>Comparing…</source>
            <translation>Comparing…</translation>
        </message>
        <message>
            <source>The bodies are not both JSON: a line diff</source>
            <translation>The bodies are not both JSON: a line diff</translation>
        </message>
        <message>
            <source>Cannot compare: {0}</source>
            <translation>Cannot compare: {0}</translation>
        </message>
        <message>
            <source>{0} headers differ</source>
            <translation>{0} headers differ</translation>
        </message>
        <message>
            <source>same headers</source>
            <translation>same headers</translation>
        </message>
        <message>
            <source>the bodies are identical</source>
            <translation>the bodies are identical</translation>
        </message>
        <message>
            <source>the bodies differ (text)</source>
            <translation>the bodies differ (text)</translation>
        </message>
        <message>
            <source>{0} body paths differ: {1} changed, {2} added, {3} removed</source>
            <translation>{0} body paths differ: {1} changed, {2} added, {3} removed</translation>
        </message>
        <message>
            <source> (list cut)</source>
            <translation> (list cut)</translation>
        </message>
    </context>
    <context>
        <name>EndpointsDialog</name>
        <message>
            <source>Path</source>
            <translation>Path</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Provider</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Secret</source>
            <translation>Secret</translation>
        </message>
        <message>
            <source>Defined in</source>
            <translation>Defined in</translation>
        </message>
        <message>
            <source>Endpoints and secrets</source>
            <translation>Endpoints and secrets</translation>
        </message>
        <message>
            <source>Add endpoint</source>
            <translation>Add endpoint</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Selected endpoint</source>
            <translation>Selected endpoint</translation>
        </message>
        <message>
            <source>/juno — requests to this path and below it</source>
            <translation>/juno — requests to this path and below it</translation>
        </message>
        <message>
            <source>a label, e.g. Juno production</source>
            <translation>a label, e.g. Juno production</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>Clear secret</source>
            <translation>Clear secret</translation>
        </message>
        <message>
            <source>Response…</source>
            <translation>Response…</translation>
        </message>
        <message>
            <source>Defined in the config file: change its path and provider there. Its secret can be set here.</source>
            <translation>Defined in the config file: change its path and provider there. Its secret can be set here.</translation>
        </message>
        <message>
            <source>Secrets are kept in the {0}, never in the events database or exports.</source>
            <translation>Secrets are kept in the {0}, never in the events database or exports.</translation>
        </message>
        <message>
            <source>Anything running as your user can read that file. A system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Locker) would keep them encrypted.</source>
            <translation>Anything running as your user can read that file. A system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Locker) would keep them encrypted.</translation>
        </message>
        <message>
            <source>⚠ Secrets are kept in a {0}.</source>
            <translation>⚠ Secrets are kept in a {0}.</translation>
        </message>
        <message>
            <source>config file</source>
            <translation>config file</translation>
        </message>
        <message>
            <source>this app</source>
            <translation>this app</translation>
        </message>
        <message>
            <source>from {0}</source>
            <translation>from {0}</translation>
        </message>
        <message>
            <source>not set ({0} is empty)</source>
            <translation>not set ({0} is empty)</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>not set</translation>
        </message>
        <message>
            <source>will be set on save</source>
            <translation>will be set on save</translation>
        </message>
        <message>
            <source>will be cleared on save</source>
            <translation>will be cleared on save</translation>
        </message>
        <message>
            <source>set (keyring)</source>
            <translation>set (keyring)</translation>
        </message>
        <message>
            <source>set (file)</source>
            <translation>set (file)</translation>
        </message>
        <message>
            <source>comes from ${0}; a secret typed here is used when it is unset</source>
            <translation>comes from ${0}; a secret typed here is used when it is unset</translation>
        </message>
        <message>
            <source>stored — type a new one to replace it</source>
            <translation>stored — type a new one to replace it</translation>
        </message>
        <message>
            <source>paste the secret the provider gave you for this webhook</source>
            <translation>paste the secret the provider gave you for this webhook</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Hide</translation>
        </message>
        <message>
            <source>Not saved: {0}</source>
            <translation>Not saved: {0}</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>Response</translation>
        </message>
    </context>
    <context>
        <name>EventRunsView</name>
        <message>
            <source>Action runs of this event</source>
            <translation>Action runs of this event</translation>
        </message>
        <message>
            <source>Action runs</source>
            <translation>Action runs</translation>
        </message>
        <message>
            <source>Action runs (%d)</source>
            <translation>Action runs (%d)</translation>
        </message>
        <message>
            <source>Action runs: none</source>
            <translation>Action runs: none</translation>
        </message>
    </context>
    <context>
        <name>EventsModel</name>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>Method</translation>
        </message>
        <message>
            <source>Path</source>
            <translation>Path</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Provider</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Signature</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Content type</source>
            <translation>Content type</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>Response</translation>
        </message>
        <message>
            <source>valid</source>
            <translation>valid</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>invalid</translation>
        </message>
        <message>
            <source>stale</source>
            <translation>stale</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>missing</translation>
        </message>
        <message>
            <source>unsigned</source>
            <translation>unsigned</translation>
        </message>
        <message>
            <source>unverified</source>
            <translation>unverified</translation>
        </message>
        <message>
            <source>duplicate</source>
            <translation>duplicate</translation>
        </message>
        <message>
            <source>out of order</source>
            <translation>out of order</translation>
        </message>
        <message>
            <source>Rejected: {0}</source>
            <translation>Rejected: {0}</translation>
        </message>
        <message>
            <source>No answer was sent: the endpoint's timeout answer held the request until the sender quit.</source>
            <translation>No answer was sent: the endpoint's timeout answer held the request until the sender quit.</translation>
        </message>
    </context>
    <context>
        <name>EventsView</name>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Filter events</source>
            <translation>Filter events</translation>
        </message>
        <message>
            <source>searching…</source>
            <translation>searching…</translation>
        </message>
        <message>
            <source>✖ The search failed: {0}</source>
            <translation>✖ The search failed: {0}</translation>
        </message>
        <message>
            <source>Filter by {0}: {1}</source>
            <translation>Filter by {0}: {1}</translation>
        </message>
        <message>
            <source>Exclude {0}: {1}</source>
            <translation>Exclude {0}: {1}</translation>
        </message>
        <message>
            <source>✖ Could not read the event: {0}</source>
            <translation>✖ Could not read the event: {0}</translation>
        </message>
    </context>
    <context>
        <name>ExportController</name>
        <message>
            <source>Export events</source>
            <translation>Export events</translation>
        </message>
        <message>
            <source>Export failed: {0}</source>
            <translation>Export failed: {0}</translation>
        </message>
        <message numerus="yes">
            <source>Exported %Ln event(s) to {0}</source>
            <translation>
                <numerusform>Exported %Ln event to {0}</numerusform>
                <numerusform>Exported %Ln events to {0}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Filter: pedido-1001   status:PAID   signature:invalid today   body.data[0].amount:&gt;100</source>
            <translation>Filter: pedido-1001   status:PAID   signature:invalid today   body.data[0].amount:&gt;100</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Save filter…</source>
            <translation>Save filter…</translation>
        </message>
        <message>
            <source>✖ {0} — at character {1}: “{2}”. Showing the last valid filter.</source>
            <translation>✖ {0} — at character {1}: “{2}”. Showing the last valid filter.</translation>
        </message>
    </context>
    <context>
        <name>FinanceZone</name>
        <message>
            <source>Finance day</source>
            <translation>Finance day</translation>
        </message>
        <message>
            <source>The finance day's time zone comes from the configuration file ([finance] timezone = "{zone}"). Change it there.</source>
            <translation>The finance day's time zone comes from the configuration file ([finance] timezone = "{zone}"). Change it there.</translation>
        </message>
        <message>
            <source>Time zone of the finance day ("today" in the totals, the filter and the exports).
A name from the IANA database, for example America/Sao_Paulo:</source>
            <translation>Time zone of the finance day ("today" in the totals, the filter and the exports).
A name from the IANA database, for example America/Sao_Paulo:</translation>
        </message>
        <message>
            <source>Unknown time zone: {zone}. Use a name such as America/Sao_Paulo.</source>
            <translation>Unknown time zone: {zone}. Use a name such as America/Sao_Paulo.</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find in body</source>
            <translation>Find in body</translation>
        </message>
        <message>
            <source>Previous match (Shift+Enter)</source>
            <translation>Previous match (Shift+Enter)</translation>
        </message>
        <message>
            <source>Previous match</source>
            <translation>Previous match</translation>
        </message>
        <message>
            <source>Next match (Enter)</source>
            <translation>Next match (Enter)</translation>
        </message>
        <message>
            <source>Next match</source>
            <translation>Next match</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>Close (Esc)</translation>
        </message>
        <message>
            <source>Close the search</source>
            <translation>Close the search</translation>
        </message>
        <message>
            <source>{0} of {1}</source>
            <translation>{0} of {1}</translation>
        </message>
        <message>
            <source>no matches</source>
            <translation>no matches</translation>
        </message>
        <message>
            <source> · {0} in the whole body</source>
            <translation> · {0} in the whole body</translation>
        </message>
    </context>
    <context>
        <name>FirstRunPage</name>
        <message>
            <source>No events yet</source>
            <translation>No events yet</translation>
        </message>
        <message>
            <source>Send a webhook to this app and it appears here, byte for byte.</source>
            <translation>Send a webhook to this app and it appears here, byte for byte.</translation>
        </message>
        <message>
            <source>This app's webhook URL</source>
            <translation>This app's webhook URL</translation>
        </message>
        <message>
            <source>A curl command to try it</source>
            <translation>A curl command to try it</translation>
        </message>
        <message>
            <source>Send a test event</source>
            <translation>Send a test event</translation>
        </message>
        <message>
            <source>A simulated Juno sale, signed with this app's secret for /juno, sent to this app.</source>
            <translation>A simulated Juno sale, signed with this app's secret for /juno, sent to this app.</translation>
        </message>
        <message>
            <source>Providers on the internet cannot reach this computer's 127.0.0.1: give them a public HTTPS URL instead, such as a tunnel to this port (cloudflared, ngrok) or a receiver on a server (main.py --headless).</source>
            <translation>Providers on the internet cannot reach this computer's 127.0.0.1: give them a public HTTPS URL instead, such as a tunnel to this port (cloudflared, ngrok) or a receiver on a server (main.py --headless).</translation>
        </message>
        <message>
            <source>This app receives webhooks at</source>
            <translation>This app receives webhooks at</translation>
        </message>
        <message>
            <source>Try it from a terminal</source>
            <translation>Try it from a terminal</translation>
        </message>
        <message>
            <source>The URL to give each provider</source>
            <translation>The URL to give each provider</translation>
        </message>
        <message>
            <source>Or see one without a provider</source>
            <translation>Or see one without a provider</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>Copy {0}</source>
            <translation>Copy {0}</translation>
        </message>
        <message>
            <source>The URL to give {0}</source>
            <translation>The URL to give {0}</translation>
        </message>
        <message>
            <source>The app is not listening, so nothing can be sent: see the bar at the top.</source>
            <translation>The app is not listening, so nothing can be sent: see the bar at the top.</translation>
        </message>
        <message>
            <source>Sending a simulated Juno sale to %1…</source>
            <translation>Sending a simulated Juno sale to %1…</translation>
        </message>
        <message>
            <source>%1 is set up for %2, not Juno: a test sale would not verify there.</source>
            <translation>%1 is set up for %2, not Juno: a test sale would not verify there.</translation>
        </message>
        <message>
            <source>%1 has no secret yet, so these events show as unverified. Set its secret in Endpoints &amp; secrets… (for this test: %2).</source>
            <translation>%1 has no secret yet, so these events show as unverified. Set its secret in Endpoints &amp; secrets… (for this test: %2).</translation>
        </message>
        <message>
            <source>Could not create the /juno endpoint: %1</source>
            <translation>Could not create the /juno endpoint: %1</translation>
        </message>
        <message>
            <source>Could not send: %1</source>
            <translation>Could not send: %1</translation>
        </message>
        <message numerus="yes">
            <source>Sent %n events; %1 were not accepted.</source>
            <translation>
                <numerusform>Sent %n events; %1 were not accepted.</numerusform>
                <numerusform>Sent %n events; %1 were not accepted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sent %n events of a simulated Juno sale.</source>
            <translation>
                <numerusform>Sent %n events of a simulated Juno sale.</numerusform>
                <numerusform>Sent %n events of a simulated Juno sale.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HeaderTable</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Add header</source>
            <translation>Add header</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
    </context>
    <context>
        <name>ImagePane</name>
        <message>
            <source>{0}, {1}: damaged or incomplete, cannot be decoded (see Hex)</source>
            <translation>{0}, {1}: damaged or incomplete, cannot be decoded (see Hex)</translation>
        </message>
    </context>
    <context>
        <name>ImportController</name>
        <message>
            <source>Import events</source>
            <translation>Import events</translation>
        </message>
        <message>
            <source>Exports and HAR files (*.jsonl *.har *.json);;All files (*)</source>
            <translation>Exports and HAR files (*.jsonl *.har *.json);;All files (*)</translation>
        </message>
        <message>
            <source>Import failed: {0}</source>
            <translation>Import failed: {0}</translation>
        </message>
        <message>
            <source>Imported {0} event(s) from {1}; {2} already stored were skipped.</source>
            <translation>Imported {0} event(s) from {1}; {2} already stored were skipped.</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <source>✔ Signature valid</source>
            <translation>✔ Signature valid</translation>
        </message>
        <message>
            <source>✖ Signature INVALID</source>
            <translation>✖ Signature INVALID</translation>
        </message>
        <message>
            <source>⚠ Signature STALE: a possible replay (not trusted)</source>
            <translation>⚠ Signature STALE: a possible replay (not trusted)</translation>
        </message>
        <message>
            <source>⚠ Signature missing</source>
            <translation>⚠ Signature missing</translation>
        </message>
        <message>
            <source>• Not signed by this provider</source>
            <translation>• Not signed by this provider</translation>
        </message>
        <message>
            <source>• Not verified (no secret configured)</source>
            <translation>• Not verified (no secret configured)</translation>
        </message>
        <message>
            <source>Copy raw request</source>
            <translation>Copy raw request</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Overview</translation>
        </message>
        <message>
            <source>Headers</source>
            <translation>Headers</translation>
        </message>
        <message>
            <source>Raw</source>
            <translation>Raw</translation>
        </message>
        <message>
            <source>Diff</source>
            <translation>Diff</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>Body in hex</source>
            <translation>Body in hex</translation>
        </message>
        <message>
            <source>Body as a tree</source>
            <translation>Body as a tree</translation>
        </message>
        <message>
            <source>Body fields and parts</source>
            <translation>Body fields and parts</translation>
        </message>
        <message>
            <source>Raw request</source>
            <translation>Raw request</translation>
        </message>
        <message>
            <source>Differences in the body text</source>
            <translation>Differences in the body text</translation>
        </message>
        <message>
            <source>Differences in the headers</source>
            <translation>Differences in the headers</translation>
        </message>
        <message>
            <source>Differences in the body fields</source>
            <translation>Differences in the body fields</translation>
        </message>
        <message>
            <source>Compute expected signature</source>
            <translation>Compute expected signature</translation>
        </message>
        <message>
            <source>Computed now with the endpoint's secret, shown here only: never stored or logged.</source>
            <translation>Computed now with the endpoint's secret, shown here only: never stored or logged.</translation>
        </message>
        <message>
            <source>Request:</source>
            <translation>Request:</translation>
        </message>
        <message>
            <source>Received:</source>
            <translation>Received:</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>From:</translation>
        </message>
        <message>
            <source>Body:</source>
            <translation>Body:</translation>
        </message>
        <message>
            <source>Answered:</source>
            <translation>Answered:</translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation>Provider:</translation>
        </message>
        <message>
            <source>Event:</source>
            <translation>Event:</translation>
        </message>
        <message>
            <source>Entity:</source>
            <translation>Entity:</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>Amount:</source>
            <translation>Amount:</translation>
        </message>
        <message>
            <source>Payer:</source>
            <translation>Payer:</translation>
        </message>
        <message>
            <source>Reference:</source>
            <translation>Reference:</translation>
        </message>
        <message>
            <source>Flags:</source>
            <translation>Flags:</translation>
        </message>
        <message>
            <source>Query parameters:</source>
            <translation>Query parameters:</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Query parameters</source>
            <translation>Query parameters</translation>
        </message>
        <message>
            <source>Copy URL path</source>
            <translation>Copy URL path</translation>
        </message>
        <message>
            <source>Re-send…</source>
            <translation>Re-send…</translation>
        </message>
        <message>
            <source>Copy as cURL, as it arrived</source>
            <translation>Copy as cURL, as it arrived</translation>
        </message>
        <message>
            <source>Copy headers</source>
            <translation>Copy headers</translation>
        </message>
        <message>
            <source>Select an event to inspect it.</source>
            <translation>Select an event to inspect it.</translation>
        </message>
        <message numerus="yes">
            <source>%Ln body byte(s) as received</source>
            <translation>
                <numerusform>%Ln body byte as received</numerusform>
                <numerusform>%Ln body bytes as received</numerusform>
            </translation>
        </message>
        <message>
            <source> — rejected: {0}</source>
            <translation> — rejected: {0}</translation>
        </message>
        <message>
            <source>duplicate of event #{0}</source>
            <translation>duplicate of event #{0}</translation>
        </message>
        <message>
            <source>out of order (older than the entity's current state)</source>
            <translation>out of order (older than the entity's current state)</translation>
        </message>
        <message>
            <source>imported from a file (not received over the wire)</source>
            <translation>imported from a file (not received over the wire)</translation>
        </message>
        <message>
            <source>no content type</source>
            <translation>no content type</translation>
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
            <translation>unknown sender</translation>
        </message>
        <message>
            <source>Expected (computed now, not stored): {0}</source>
            <translation>Expected (computed now, not stored): {0}</translation>
        </message>
        <message>
            <source>Cannot compute: {0}</source>
            <translation>Cannot compute: {0}</translation>
        </message>
        <message>
            <source>Plain request: no known provider recognised.</source>
            <translation>Plain request: no known provider recognised.</translation>
        </message>
        <message>
            <source>the body process stopped</source>
            <translation>the body process stopped</translation>
        </message>
    </context>
    <context>
        <name>JobsModel</name>
        <message>
            <source>Job</source>
            <translation>Job</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <source>Next try</source>
            <translation>Next try</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Last error</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>pending</translation>
        </message>
        <message>
            <source>retrying</source>
            <translation>retrying</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>delivered</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>failed</translation>
        </message>
        <message>
            <source>(deleted target {0})</source>
            <translation>(deleted target {0})</translation>
        </message>
        <message>
            <source> (in order)</source>
            <translation> (in order)</translation>
        </message>
        <message>
            <source>now</source>
            <translation>now</translation>
        </message>
        <message>
            <source>{0} (in {1} s)</source>
            <translation>{0} (in {1} s)</translation>
        </message>
    </context>
    <context>
        <name>JsonTreeModel</name>
        <message>
            <source>Key</source>
            <translation>Key</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>This key cannot be written in a filter</source>
            <translation>This key cannot be written in a filter</translation>
        </message>
    </context>
    <context>
        <name>JsonTreePane</name>
        <message>
            <source>Copy path as filter</source>
            <translation>Copy path as filter</translation>
        </message>
        <message>
            <source>Copy value</source>
            <translation>Copy value</translation>
        </message>
        <message>
            <source>Collapse all</source>
            <translation>Collapse all</translation>
        </message>
        <message>
            <source>This key cannot be written in a filter</source>
            <translation>This key cannot be written in a filter</translation>
        </message>
        <message>
            <source>Copied {0}</source>
            <translation>Copied {0}</translation>
        </message>
        <message>
            <source>Copied the value of {0}</source>
            <translation>Copied the value of {0}</translation>
        </message>
    </context>
    <context>
        <name>ListenerBar</name>
        <message>
            <source>Listener URL</source>
            <translation>Listener URL</translation>
        </message>
        <message>
            <source>Copy URL</source>
            <translation>Copy URL</translation>
        </message>
        <message>
            <source>Listen on another port</source>
            <translation>Listen on another port</translation>
        </message>
        <message>
            <source>starting…</source>
            <translation>starting…</translation>
        </message>
        <message>
            <source>● Listening — send webhooks to:</source>
            <translation>● Listening — send webhooks to:</translation>
        </message>
        <message>
            <source>⚠ Reachable from other machines, not only this one. Every request needs the token (?token=… or Authorization: Bearer …); requests without it get 401 and are not stored.</source>
            <translation>⚠ Reachable from other machines, not only this one. Every request needs the token (?token=… or Authorization: Bearer …); requests without it get 401 and are not stored.</translation>
        </message>
        <message>
            <source>Token required: ?token=… or Authorization: Bearer ….</source>
            <translation>Token required: ?token=… or Authorization: Bearer ….</translation>
        </message>
        <message>
            <source> Refused without the token so far: %1.</source>
            <translation> Refused without the token so far: %1.</translation>
        </message>
        <message>
            <source>● Not listening:</source>
            <translation>● Not listening:</translation>
        </message>
        <message>
            <source>Listen on port %1 instead</source>
            <translation>Listen on port %1 instead</translation>
        </message>
        <message>
            <source>⚠ Not storing: %1.</source>
            <translation>⚠ Not storing: %1.</translation>
        </message>
    </context>
    <context>
        <name>LocaleFormat</name>
        <message>
            <source>not a usable amount</source>
            <translation>not a usable amount</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Payments</source>
            <translation>Payments</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>Re-verifying events of {0}…</source>
            <translation>Re-verifying events of {0}…</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Notifications</translation>
        </message>
        <message>
            <source>Finance day time zone…</source>
            <translation>Finance day time zone…</translation>
        </message>
        <message>
            <source>Could not load events: {0}</source>
            <translation>Could not load events: {0}</translation>
        </message>
        <message>
            <source>Delete selected</source>
            <translation>Delete selected</translation>
        </message>
        <message>
            <source>Clear all…</source>
            <translation>Clear all…</translation>
        </message>
        <message>
            <source>Endpoints &amp;&amp; secrets…</source>
            <translation>Endpoints &amp;&amp; secrets…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>Export this tab…</source>
            <translation>Export this tab…</translation>
        </message>
        <message>
            <source>… include unverified sales</source>
            <translation>… include unverified sales</translation>
        </message>
        <message>
            <source>Export shown events as CSV…</source>
            <translation>Export shown events as CSV…</translation>
        </message>
        <message>
            <source>… as JSONL…</source>
            <translation>… as JSONL…</translation>
        </message>
        <message>
            <source>… as HAR…</source>
            <translation>… as HAR…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Finance day in {0}</source>
            <translation>Finance day in {0}</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <source>Import events (JSONL or HAR)…</source>
            <translation>Import events (JSONL or HAR)…</translation>
        </message>
        <message>
            <source>Compact database…</source>
            <translation>Compact database…</translation>
        </message>
        <message>
            <source>Retention…</source>
            <translation>Retention…</translation>
        </message>
        <message>
            <source>Import events</source>
            <translation>Import events</translation>
        </message>
        <message>
            <source>⚠ No secret for {0}: deliveries there are not verified and do not count as money. Set the variable, or a secret in Endpoints &amp; secrets.</source>
            <translation>⚠ No secret for {0}: deliveries there are not verified and do not count as money. Set the variable, or a secret in Endpoints &amp; secrets.</translation>
        </message>
        <message>
            <source>Type a filter first, then save it.</source>
            <translation>Type a filter first, then save it.</translation>
        </message>
        <message>
            <source>Save filter</source>
            <translation>Save filter</translation>
        </message>
        <message>
            <source>Name for this filter:</source>
            <translation>Name for this filter:</translation>
        </message>
        <message>
            <source>Not listening: {0}</source>
            <translation>Not listening: {0}</translation>
        </message>
        <message>
            <source>Listening on {0}</source>
            <translation>Listening on {0}</translation>
        </message>
        <message>
            <source>Read-only: the database role %1 can read events but not change them. Delete, clear, re-send, import and endpoint edits are off, and this window receives no requests (the team's receivers store them).</source>
            <translation>Read-only: the database role %1 can read events but not change them. Delete, clear, re-send, import and endpoint edits are off, and this window receives no requests (the team's receivers store them).</translation>
        </message>
        <message>
            <source>this window is read-only (role %1).</source>
            <translation>this window is read-only (role %1).</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Overview</translation>
        </message>
        <message>
            <source>Event #{0} is not in the table (is a filter on?)</source>
            <translation>Event #{0} is not in the table (is a filter on?)</translation>
        </message>
        <message numerus="yes">
            <source>Re-verified %n event(s) of {0}</source>
            <translation>
                <numerusform>Re-verified %n event of {0}</numerusform>
                <numerusform>Re-verified %n events of {0}</numerusform>
            </translation>
        </message>
        <message>
            <source>Re-verifying {0} failed</source>
            <translation>Re-verifying {0} failed</translation>
        </message>
        <message numerus="yes">
            <source>%n sale(s)</source>
            <translation>
                <numerusform>%n sale</numerusform>
                <numerusform>%n sales</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln event(s)</source>
            <translation>
                <numerusform>%Ln event</numerusform>
                <numerusform>%Ln events</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{shown} of %Ln event(s)</source>
            <translation>
                <numerusform>{shown} of %Ln event</numerusform>
                <numerusform>{shown} of %Ln events</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not change the stored events: {0}</source>
            <translation>Could not change the stored events: {0}</translation>
        </message>
        <message>
            <source>Delete events</source>
            <translation>Delete events</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n selected event(s)? This cannot be undone.</source>
            <translation>
                <numerusform>Delete %n selected event? This cannot be undone.</numerusform>
                <numerusform>Delete %n selected events? This cannot be undone.</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Delete</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message numerus="yes">
            <source>Deleting %n event(s)…</source>
            <translation>
                <numerusform>Deleting %n event…</numerusform>
                <numerusform>Deleting %n events…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n event(s)</source>
            <translation>
                <numerusform>Deleted %n event</numerusform>
                <numerusform>Deleted %n events</numerusform>
            </translation>
        </message>
        <message>
            <source>Clear all events</source>
            <translation>Clear all events</translation>
        </message>
        <message>
            <source>Delete every stored event? This cannot be undone.</source>
            <translation>Delete every stored event? This cannot be undone.</translation>
        </message>
        <message>
            <source>Deleting every event…</source>
            <translation>Deleting every event…</translation>
        </message>
        <message>
            <source>Views</source>
            <translation>Views</translation>
        </message>
        <message>
            <source>Saved filters and views</source>
            <translation>Saved filters and views</translation>
        </message>
        <message>
            <source>Rows shown</source>
            <translation>Rows shown</translation>
        </message>
        <message>
            <source>Events toolbar</source>
            <translation>Events toolbar</translation>
        </message>
    </context>
    <context>
        <name>Notifier</name>
        <message>
            <source>Payment confirmed</source>
            <translation>Payment confirmed</translation>
        </message>
        <message>
            <source>Invalid signature</source>
            <translation>Invalid signature</translation>
        </message>
        <message>
            <source>Payment problem</source>
            <translation>Payment problem</translation>
        </message>
        <message>
            <source>built-in: money confirmed</source>
            <translation>built-in: money confirmed</translation>
        </message>
        <message>
            <source>A trusted delivery confirms money; a charge and its payment notify once</source>
            <translation>A trusted delivery confirms money; a charge and its payment notify once</translation>
        </message>
        <message>
            <source>built-in: signature failed</source>
            <translation>built-in: signature failed</translation>
        </message>
        <message>
            <source>A delivery fails its signature check (it changes no status)</source>
            <translation>A delivery fails its signature check (it changes no status)</translation>
        </message>
        <message>
            <source>built-in: payment problem</source>
            <translation>built-in: payment problem</translation>
        </message>
        <message>
            <source>A payment fails, is declined, refunded or charged back</source>
            <translation>A payment fails, is declined, refunded or charged back</translation>
        </message>
        <message>
            <source>Notify when a payment is confirmed</source>
            <translation>Notify when a payment is confirmed</translation>
        </message>
        <message>
            <source>Notify when a delivery fails its signature check</source>
            <translation>Notify when a delivery fails its signature check</translation>
        </message>
        <message>
            <source>Notify when a payment fails, is declined or refunded</source>
            <translation>Notify when a payment fails, is declined or refunded</translation>
        </message>
        <message>
            <source>template error: {error}</source>
            <translation>template error: {error}</translation>
        </message>
        <message>
            <source>{reason}; the default text was shown</source>
            <translation>{reason}; the default text was shown</translation>
        </message>
    </context>
    <context>
        <name>OverviewView</name>
        <message>
            <source>Listener</source>
            <translation>Listener</translation>
        </message>
        <message>
            <source>Events today</source>
            <translation>Events today</translation>
        </message>
        <message>
            <source>Signature failures today</source>
            <translation>Signature failures today</translation>
        </message>
        <message>
            <source>Duplicates today</source>
            <translation>Duplicates today</translation>
        </message>
        <message>
            <source>Forwarding pending</source>
            <translation>Forwarding pending</translation>
        </message>
        <message>
            <source>Forwarding failing</source>
            <translation>Forwarding failing</translation>
        </message>
        <message>
            <source>Actions pending</source>
            <translation>Actions pending</translation>
        </message>
        <message>
            <source>Actions failing</source>
            <translation>Actions failing</translation>
        </message>
        <message>
            <source>Confirmed today</source>
            <translation>Confirmed today</translation>
        </message>
        <message>
            <source>Pending (open, any day)</source>
            <translation>Pending (open, any day)</translation>
        </message>
        <message>
            <source>Failed today</source>
            <translation>Failed today</translation>
        </message>
        <message>
            <source>Refunded today</source>
            <translation>Refunded today</translation>
        </message>
        <message>
            <source>Events per minute, last hour</source>
            <translation>Events per minute, last hour</translation>
        </message>
        <message>
            <source>events</source>
            <translation>events</translation>
        </message>
        <message>
            <source>Confirmed R$ per finance day, last 30 days</source>
            <translation>Confirmed R$ per finance day, last 30 days</translation>
        </message>
        <message>
            <source>R$</source>
            <translation>R$</translation>
        </message>
        <message>
            <source>Traffic</source>
            <translation>Traffic</translation>
        </message>
        <message>
            <source>Click any figure to see the rows behind it.</source>
            <translation>Click any figure to see the rows behind it.</translation>
        </message>
        <message>
            <source>Money</source>
            <translation>Money</translation>
        </message>
        <message>
            <source>Every request received since midnight of the finance day.</source>
            <translation>Every request received since midnight of the finance day.</translation>
        </message>
        <message>
            <source>Deliveries received today whose signature was invalid, stale (a possible replay) or missing. They never move a payment.</source>
            <translation>Deliveries received today whose signature was invalid, stale (a possible replay) or missing. They never move a payment.</translation>
        </message>
        <message>
            <source>Deliveries received today that repeat one received before.</source>
            <translation>Deliveries received today that repeat one received before.</translation>
        </message>
        <message>
            <source>The status bar's totals: each sale counts once, on the finance day its current status happened; only verified deliveries count.</source>
            <translation>The status bar's totals: each sale counts once, on the finance day its current status happened; only verified deliveries count.</translation>
        </message>
        <message>
            <source>Sales still open now, whichever day they started.</source>
            <translation>Sales still open now, whichever day they started.</translation>
        </message>
        <message>
            <source>Click a bar: that minute's events.</source>
            <translation>Click a bar: that minute's events.</translation>
        </message>
        <message>
            <source>Click a bar: that day's confirmed sales.</source>
            <translation>Click a bar: that day's confirmed sales.</translation>
        </message>
        <message>
            <source>Updated %1 (read in %2 ms)</source>
            <translation>Updated %1 (read in %2 ms)</translation>
        </message>
        <message>
            <source>Could not read the figures: %1</source>
            <translation>Could not read the figures: %1</translation>
        </message>
        <message>
            <source>● Listening</source>
            <translation>● Listening</translation>
        </message>
        <message>
            <source>● Not listening</source>
            <translation>● Not listening</translation>
        </message>
        <message>
            <source>Click: the events of the last hour</source>
            <translation>Click: the events of the last hour</translation>
        </message>
        <message>
            <source>received since midnight</source>
            <translation>received since midnight</translation>
        </message>
        <message>
            <source>invalid, stale or missing</source>
            <translation>invalid, stale or missing</translation>
        </message>
        <message>
            <source>deliveries seen before</source>
            <translation>deliveries seen before</translation>
        </message>
        <message>
            <source>Forwarding and actions have no queues in team mode (PostgreSQL) yet.</source>
            <translation>Forwarding and actions have no queues in team mode (PostgreSQL) yet.</translation>
        </message>
        <message>
            <source>not in team mode</source>
            <translation>not in team mode</translation>
        </message>
        <message>
            <source>waiting for a first try</source>
            <translation>waiting for a first try</translation>
        </message>
        <message>
            <source>retrying or given up</source>
            <translation>retrying or given up</translation>
        </message>
        <message>
            <source>waiting for a first run</source>
            <translation>waiting for a first run</translation>
        </message>
        <message>
            <source>Open the queue</source>
            <translation>Open the queue</translation>
        </message>
        <message>
            <source>Open the queue to retry</source>
            <translation>Open the queue to retry</translation>
        </message>
        <message>
            <source>Finance day %1 (%2). Only verified deliveries count; each sale counts once.</source>
            <translation>Finance day %1 (%2). Only verified deliveries count; each sale counts once.</translation>
        </message>
        <message numerus="yes">
            <source>%n sale(s)</source>
            <translation>
                <numerusform>%n sale</numerusform>
                <numerusform>%n sales</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n event(s)</source>
            <translation>
                <numerusform>%1: %n event</numerusform>
                <numerusform>%1: %n events</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 in %n sale(s)</source>
            <translation>
                <numerusform>%1: %2 in %n sale</numerusform>
                <numerusform>%1: %2 in %n sales</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PartsPane</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Copy value</source>
            <translation>Copy value</translation>
        </message>
        <message>
            <source>Save part as…</source>
            <translation>Save part as…</translation>
        </message>
        <message>
            <source>{0} form fields</source>
            <translation>{0} form fields</translation>
        </message>
        <message>
            <source>(file: save it to see it)</source>
            <translation>(file: save it to see it)</translation>
        </message>
        <message>
            <source>{0} parts</source>
            <translation>{0} parts</translation>
        </message>
        <message>
            <source>Save part</source>
            <translation>Save part</translation>
        </message>
    </context>
    <context>
        <name>PaymentLabels</name>
        <message>
            <source>Confirmed</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Failed</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Refunded</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Charge</source>
            <translation>Charge</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Payment</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>Invoice</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>Transfer</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <source>P2P transfer</source>
            <translation>P2P transfer</translation>
        </message>
        <message>
            <source>Bill payment</source>
            <translation>Bill payment</translation>
        </message>
        <message>
            <source>Payout</source>
            <translation>Payout</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>Refund</translation>
        </message>
        <message>
            <source>Subscription</source>
            <translation>Subscription</translation>
        </message>
        <message>
            <source>Digital account</source>
            <translation>Digital account</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>✔ valid</source>
            <translation>✔ valid</translation>
        </message>
        <message>
            <source>✖ invalid</source>
            <translation>✖ invalid</translation>
        </message>
        <message>
            <source>✖ missing</source>
            <translation>✖ missing</translation>
        </message>
        <message>
            <source>— unsigned</source>
            <translation>— unsigned</translation>
        </message>
        <message>
            <source>? unverified</source>
            <translation>? unverified</translation>
        </message>
        <message>
            <source>✖ stale</source>
            <translation>✖ stale</translation>
        </message>
        <message>
            <source>Invalid signature</source>
            <translation>Invalid signature</translation>
        </message>
        <message>
            <source>Missing signature</source>
            <translation>Missing signature</translation>
        </message>
        <message>
            <source>Stale signature</source>
            <translation>Stale signature</translation>
        </message>
        <message>
            <source>Confirmed today</source>
            <translation>Confirmed today</translation>
        </message>
        <message>
            <source>Duplicates</source>
            <translation>Duplicates</translation>
        </message>
        <message>
            <source>Juno · last hour</source>
            <translation>Juno · last hour</translation>
        </message>
        <message>
            <source>Errors (code ≥ 400)</source>
            <translation>Errors (code ≥ 400)</translation>
        </message>
        <message>
            <source>unverified</source>
            <translation>unverified</translation>
        </message>
    </context>
    <context>
        <name>PaymentsColumns</name>
        <message>
            <source>Updated</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Reference</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>Payer</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Provider ID</source>
            <translation>Provider ID</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Provider</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>First event</source>
            <translation>First event</translation>
        </message>
        <message>
            <source>(no status)</source>
            <translation>(no status)</translation>
        </message>
        <message>
            <source>payment {id}: {status}</source>
            <translation>payment {id}: {status}</translation>
        </message>
        <message>
            <source>{status} unverified: the endpoint has no secret yet, so nobody checked the signature. It does not count in the totals and does not notify. Set the endpoint's secret (Endpoints &amp; secrets…) and the stored deliveries will be verified again.</source>
            <translation>{status} unverified: the endpoint has no secret yet, so nobody checked the signature. It does not count in the totals and does not notify. Set the endpoint's secret (Endpoints &amp; secrets…) and the stored deliveries will be verified again.</translation>
        </message>
        <message>
            <source>Current status: {status} (since {time})</source>
            <translation>Current status: {status} (since {time})</translation>
        </message>
        <message>
            <source>Current status: {status}</source>
            <translation>Current status: {status}</translation>
        </message>
    </context>
    <context>
        <name>PaymentsExporter</name>
        <message>
            <source>CSV for Excel / LibreOffice in Portuguese (*.csv)</source>
            <translation>CSV for Excel / LibreOffice in Portuguese (*.csv)</translation>
        </message>
        <message>
            <source>Standard CSV (comma, decimal point) (*.csv)</source>
            <translation>Standard CSV (comma, decimal point) (*.csv)</translation>
        </message>
        <message>
            <source>JSON Lines (*.jsonl)</source>
            <translation>JSON Lines (*.jsonl)</translation>
        </message>
        <message>
            <source>sales</source>
            <translation>sales</translation>
        </message>
        <message>
            <source>Export this tab's sales</source>
            <translation>Export this tab's sales</translation>
        </message>
        <message>
            <source>The export failed: {why}</source>
            <translation>The export failed: {why}</translation>
        </message>
        <message numerus="yes">
            <source>%n sale(s) exported to {path}</source>
            <translation>
                <numerusform>%n sale exported to {path}</numerusform>
                <numerusform>%n sales exported to {path}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PaymentsModel</name>
        <message>
            <source>Claimed by a delivery whose signature check failed: not verified, never counted.</source>
            <translation>Claimed by a delivery whose signature check failed: not verified, never counted.</translation>
        </message>
        <message>
            <source>not verified</source>
            <translation>not verified</translation>
        </message>
    </context>
    <context>
        <name>PaymentsStatus</name>
        <message>
            <source> (verified: {status})</source>
            <translation> (verified: {status})</translation>
        </message>
        <message numerus="yes">
            <source>%n invalid signature(s)</source>
            <translation>
                <numerusform>%n invalid signature</numerusform>
                <numerusform>%n invalid signatures</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unverified</source>
            <translation>
                <numerusform>%n unverified</numerusform>
                <numerusform>%n unverified</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n out of order</source>
            <translation>
                <numerusform>%n out of order</numerusform>
                <numerusform>%n out of order</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n duplicate(s)</source>
            <translation>
                <numerusform>%n duplicate</numerusform>
                <numerusform>%n duplicates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) with an invalid, missing or stale signature: the status did not change.</source>
            <translation>
                <numerusform>%n event with an invalid, missing or stale signature: the status did not change.</numerusform>
                <numerusform>%n events with an invalid, missing or stale signature: the status did not change.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unverified event(s) (the endpoint has no secret yet): no status change, not counted in the totals. Set the endpoint's secret to verify.</source>
            <translation>
                <numerusform>%n unverified event (the endpoint has no secret yet): no status change, not counted in the totals. Set the endpoint's secret to verify.</numerusform>
                <numerusform>%n unverified events (the endpoint has no secret yet): no status change, not counted in the totals. Set the endpoint's secret to verify.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) out of order (older than the current status): the status did not go back.</source>
            <translation>
                <numerusform>%n event out of order (older than the current status): the status did not go back.</numerusform>
                <numerusform>%n events out of order (older than the current status): the status did not go back.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n event(s) received again: ignored.</source>
            <translation>
                <numerusform>%n event received again: ignored.</numerusform>
                <numerusform>%n events received again: ignored.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PaymentsView</name>
        <message>
            <source>Sales</source>
            <translation>Sales</translation>
        </message>
        <message>
            <source>Filter: category:confirmed today   status:PAID   ref:pedido-1001   amount:&gt;100</source>
            <translation>Filter: category:confirmed today   status:PAID   ref:pedido-1001   amount:&gt;100</translation>
        </message>
        <message>
            <source>Filter sales</source>
            <translation>Filter sales</translation>
        </message>
        <message>
            <source>loading…</source>
            <translation>loading…</translation>
        </message>
        <message>
            <source>✖ The search failed: {why}</source>
            <translation>✖ The search failed: {why}</translation>
        </message>
    </context>
    <context>
        <name>ProviderChips</name>
        <message>
            <source>Per provider today:</source>
            <translation>Per provider today:</translation>
        </message>
        <message>
            <source>not recognised</source>
            <translation>not recognised</translation>
        </message>
        <message>
            <source>Today's events of this provider</source>
            <translation>Today's events of this provider</translation>
        </message>
    </context>
    <context>
        <name>QueueView</name>
        <message>
            <source>Forwarding rules</source>
            <translation>Forwarding rules</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>Enabled</source>
            <translation>Enabled</translation>
        </message>
        <message>
            <source>Forwarding queue</source>
            <translation>Forwarding queue</translation>
        </message>
        <message>
            <source>Retry failed</source>
            <translation>Retry failed</translation>
        </message>
        <message>
            <source>Send the selected failed jobs again (all failed jobs if none is selected)</source>
            <translation>Send the selected failed jobs again (all failed jobs if none is selected)</translation>
        </message>
        <message>
            <source>Forward rules: every stored event that matches is delivered to the target</source>
            <translation>Forward rules: every stored event that matches is delivered to the target</translation>
        </message>
        <message>
            <source>Add rule…</source>
            <translation>Add rule…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Queue</translation>
        </message>
        <message>
            <source>Forwarding starts with the app.</source>
            <translation>Forwarding starts with the app.</translation>
        </message>
        <message>
            <source>(every event)</source>
            <translation>(every event)</translation>
        </message>
        <message>
            <source>arrival order</source>
            <translation>arrival order</translation>
        </message>
        <message>
            <source>any</source>
            <translation>any</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message numerus="yes">
            <source>%Ln failed job(s) queued again.</source>
            <translation>
                <numerusform>%Ln failed job queued again.</numerusform>
                <numerusform>%Ln failed jobs queued again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ResendDialog</name>
        <message>
            <source>Copied. The body is binary, so it was saved to {0}; the command reads it.</source>
            <translation>Copied. The body is binary, so it was saved to {0}; the command reads it.</translation>
        </message>
        <message>
            <source>Copied the cURL command to the clipboard.</source>
            <translation>Copied the cURL command to the clipboard.</translation>
        </message>
        <message>
            <source>Edit and re-send event #{0}</source>
            <translation>Edit and re-send event #{0}</translation>
        </message>
        <message>
            <source>A URL typed below (no saved target)</source>
            <translation>A URL typed below (no saved target)</translation>
        </message>
        <message>
            <source>Re-sign with the endpoint's secret</source>
            <translation>Re-sign with the endpoint's secret</translation>
        </message>
        <message>
            <source>Copy as cURL</source>
            <translation>Copy as cURL</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Send</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Not sent yet.</source>
            <translation>Not sent yet.</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>Method</translation>
        </message>
        <message>
            <source>URL</source>
            <translation>URL</translation>
        </message>
        <message>
            <source>Headers</source>
            <translation>Headers</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>Target:</source>
            <translation>Target:</translation>
        </message>
        <message>
            <source>Request:</source>
            <translation>Request:</translation>
        </message>
        <message>
            <source>Headers (sent in this order and case; Host and Content-Length are computed):</source>
            <translation>Headers (sent in this order and case; Host and Content-Length are computed):</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message numerus="yes">
            <source>Binary body (%Ln byte(s)), shown as hex: it is sent exactly as received and cannot be edited here.</source>
            <translation>
                <numerusform>Binary body (%Ln byte), shown as hex: it is sent exactly as received and cannot be edited here.</numerusform>
                <numerusform>Binary body (%Ln bytes), shown as hex: it is sent exactly as received and cannot be edited here.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Body of %Ln byte(s): too large to edit here; sent as received.</source>
            <translation>
                <numerusform>Body of %Ln byte: too large to edit here; sent as received.</numerusform>
                <numerusform>Body of %Ln bytes: too large to edit here; sent as received.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Body (%Ln byte(s)): edit it freely; untouched, it goes byte for byte.</source>
            <translation>
                <numerusform>Body (%Ln byte): edit it freely; untouched, it goes byte for byte.</numerusform>
                <numerusform>Body (%Ln bytes): edit it freely; untouched, it goes byte for byte.</numerusform>
            </translation>
        </message>
        <message>
            <source>Body edited ({size} bytes): the edited text is sent, not the original bytes.</source>
            <translation>Body edited ({size} bytes): the edited text is sent, not the original bytes.</translation>
        </message>
        <message>
            <source>This event's endpoint has no signing provider: nothing to re-sign.</source>
            <translation>This event's endpoint has no signing provider: nothing to re-sign.</translation>
        </message>
        <message>
            <source>No secret is set for {0} ({1}): cannot re-sign.</source>
            <translation>No secret is set for {0} ({1}): cannot re-sign.</translation>
        </message>
        <message>
            <source>{0} (sending will record a failed attempt)</source>
            <translation>{0} (sending will record a failed attempt)</translation>
        </message>
        <message>
            <source> The body was edited: tick this so the target's signature check passes.</source>
            <translation> The body was edited: tick this so the target's signature check passes.</translation>
        </message>
        <message>
            <source>Available: {0} secret of {1}.</source>
            <translation>Available: {0} secret of {1}.</translation>
        </message>
        <message>
            <source>Cannot re-sign: {0}</source>
            <translation>Cannot re-sign: {0}</translation>
        </message>
        <message>
            <source>no header changed (the signature was already right)</source>
            <translation>no header changed (the signature was already right)</translation>
        </message>
        <message>
            <source>Re-signed with the {0} secret ({1}), sent with: {2}</source>
            <translation>Re-signed with the {0} secret ({1}), sent with: {2}</translation>
        </message>
        <message>
            <source>Not copied: cannot re-sign: {0}</source>
            <translation>Not copied: cannot re-sign: {0}</translation>
        </message>
        <message>
            <source>Not sent: cannot re-sign: {0}</source>
            <translation>Not sent: cannot re-sign: {0}</translation>
        </message>
        <message>
            <source>Sending {0} {1}…</source>
            <translation>Sending {0} {1}…</translation>
        </message>
        <message>
            <source>Answered; recorded in the event's Attempts tab.</source>
            <translation>Answered; recorded in the event's Attempts tab.</translation>
        </message>
        <message>
            <source>Failed; recorded in the event's Attempts tab.</source>
            <translation>Failed; recorded in the event's Attempts tab.</translation>
        </message>
    </context>
    <context>
        <name>ResponseDialog</name>
        <message>
            <source>default (200)</source>
            <translation>default (200)</translation>
        </message>
        <message>
            <source>never answers (timeout)</source>
            <translation>never answers (timeout)</translation>
        </message>
        <message>
            <source>, after {0} ms</source>
            <translation>, after {0} ms</translation>
        </message>
        <message>
            <source>Response of {0}</source>
            <translation>Response of {0}</translation>
        </message>
        <message>
            <source>Answer with a custom response</source>
            <translation>Answer with a custom response</translation>
        </message>
        <message>
            <source>Never answer (hold the connection until the sender gives up)</source>
            <translation>Never answer (hold the connection until the sender gives up)</translation>
        </message>
        <message>
            <source>Template fields: {{ id }} (event id), {{ method }}, {{ path }}, {{ query }}, {{ body }}, {{ json.field }}, {{ headers["X-Name"] }}. Empty: the default {"ok": true, "id": …}.</source>
            <translation>Template fields: {{ id }} (event id), {{ method }}, {{ path }}, {{ query }}, {{ body }}, {{ json.field }}, {{ headers["X-Name"] }}. Empty: the default {"ok": true, "id": …}.</translation>
        </message>
        <message>
            <source>Answer (sent only after the request is stored)</source>
            <translation>Answer (sent only after the request is stored)</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Headers</source>
            <translation>Headers</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>Delay</source>
            <translation>Delay</translation>
        </message>
        <message>
            <source>Apply now</source>
            <translation>Apply now</translation>
        </message>
        <message>
            <source>Fail the next</source>
            <translation>Fail the next</translation>
        </message>
        <message>
            <source>requests with status</source>
            <translation>requests with status</translation>
        </message>
        <message>
            <source>Exercise the sender's retries</source>
            <translation>Exercise the sender's retries</translation>
        </message>
        <message>
            <source>Defined in the config file: change its response there.</source>
            <translation>Defined in the config file: change its response there.</translation>
        </message>
        <message>
            <source>each header line is 'Name: value' (got {0!r})</source>
            <translation>each header line is 'Name: value' (got {0!r})</translation>
        </message>
        <message>
            <source>The next {0} request(s) get {1}.</source>
            <translation>The next {0} request(s) get {1}.</translation>
        </message>
        <message>
            <source>Not failing requests.</source>
            <translation>Not failing requests.</translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message>
            <source>Retention</source>
            <translation>Retention</translation>
        </message>
        <message>
            <source>Keep only the newest</source>
            <translation>Keep only the newest</translation>
        </message>
        <message>
            <source> events</source>
            <translation> events</translation>
        </message>
        <message>
            <source>Delete events older than</source>
            <translation>Delete events older than</translation>
        </message>
        <message>
            <source> days</source>
            <translation> days</translation>
        </message>
        <message>
            <source>Keep the database under</source>
            <translation>Keep the database under</translation>
        </message>
        <message>
            <source> GB</source>
            <translation> GB</translation>
        </message>
        <message>
            <source>The oldest events past any checked limit are deleted in the background, a few hundred at a time, without holding up capture; payment state is rebuilt from the events that remain. Freed space is reused; File ▸ Compact database gives it back to the disk.</source>
            <translation>The oldest events past any checked limit are deleted in the background, a few hundred at a time, without holding up capture; payment state is rebuilt from the events that remain. Freed space is reused; File ▸ Compact database gives it back to the disk.</translation>
        </message>
        <message>
            <source>Set by [retention] in the config file: change it there.</source>
            <translation>Set by [retention] in the config file: change it there.</translation>
        </message>
    </context>
    <context>
        <name>RuleDialog</name>
        <message>
            <source>Forward rule</source>
            <translation>Forward rule</translation>
        </message>
        <message>
            <source>Forward rule #{0}</source>
            <translation>Forward rule #{0}</translation>
        </message>
        <message>
            <source>empty: every event; e.g. provider:juno status:PAID</source>
            <translation>empty: every event; e.g. provider:juno status:PAID</translation>
        </message>
        <message>
            <source>Deliver in arrival order (one at a time to this target)</source>
            <translation>Deliver in arrival order (one at a time to this target)</translation>
        </message>
        <message>
            <source>Enabled</source>
            <translation>Enabled</translation>
        </message>
        <message>
            <source>Target:</source>
            <translation>Target:</translation>
        </message>
        <message>
            <source>Filter:</source>
            <translation>Filter:</translation>
        </message>
        <message>
            <source>Add a target first (Targets…), then a rule that forwards to it.</source>
            <translation>Add a target first (Targets…), then a rule that forwards to it.</translation>
        </message>
        <message>
            <source>The filter is not valid: {0}</source>
            <translation>The filter is not valid: {0}</translation>
        </message>
    </context>
    <context>
        <name>SavedFiltersPanel</name>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Saved filters</source>
            <translation>Saved filters</translation>
        </message>
    </context>
    <context>
        <name>SecretPrompt</name>
        <message>
            <source>Set secret…</source>
            <translation>Set secret…</translation>
        </message>
        <message>
            <source>⚠ There are unverified payments on {paths}: nobody checked the signature because the endpoint has no secret. They do not count in the totals and do not notify. Set the secret and the stored deliveries will be verified again.</source>
            <translation>⚠ There are unverified payments on {paths}: nobody checked the signature because the endpoint has no secret. They do not count in the totals and do not notify. Set the secret and the stored deliveries will be verified again.</translation>
        </message>
    </context>
    <context>
        <name>SecretsPlace</name>
        <message>
            <source>no system keyring found</source>
            <translation>no system keyring found</translation>
        </message>
        <message>
            <source>the system keyring is disabled</source>
            <translation>the system keyring is disabled</translation>
        </message>
        <message>
            <source>the system keyring failed ({0})</source>
            <translation>the system keyring failed ({0})</translation>
        </message>
        <message>
            <source>system keyring ({0})</source>
            <translation>system keyring ({0})</translation>
        </message>
        <message>
            <source>file {0} (readable only by you) — {1}</source>
            <translation>file {0} (readable only by you) — {1}</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>Appearance</translation>
        </message>
        <message>
            <source>Listener</source>
            <translation>Listener</translation>
        </message>
        <message>
            <source>Finance</source>
            <translation>Finance</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Notifications</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>Retention</translation>
        </message>
        <message>
            <source>Follow the system</source>
            <translation>Follow the system</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Light</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Dark</translation>
        </message>
        <message>
            <source>Theme:</source>
            <translation>Theme:</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Language:</translation>
        </message>
        <message>
            <source>The language applies after a restart; the theme at once.</source>
            <translation>The language applies after a restart; the theme at once.</translation>
        </message>
        <message>
            <source>none: no token needed on this computer</source>
            <translation>none: no token needed on this computer</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>Address:</translation>
        </message>
        <message>
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <source>Body limit:</source>
            <translation>Body limit:</translation>
        </message>
        <message>
            <source>Token variable:</source>
            <translation>Token variable:</translation>
        </message>
        <message>
            <source>set by the command line</source>
            <translation>set by the command line</translation>
        </message>
        <message>
            <source>set by [listener] in the config file</source>
            <translation>set by [listener] in the config file</translation>
        </message>
        <message>
            <source>Save for the next start</source>
            <translation>Save for the next start</translation>
        </message>
        <message>
            <source>Listen on this port now</source>
            <translation>Listen on this port now</translation>
        </message>
        <message>
            <source>Which wins: the command line (--host, --port), then the config file's [listener], then what is saved here, then the defaults. Saved values apply at the next start; the token variable names an environment variable holding the token, never the token itself.</source>
            <translation>Which wins: the command line (--host, --port), then the config file's [listener], then what is saved here, then the defaults. Saved values apply at the next start; the token variable names an environment variable holding the token, never the token itself.</translation>
        </message>
        <message>
            <source>Finance day's time zone:</source>
            <translation>Finance day's time zone:</translation>
        </message>
        <message>
            <source>Set by [finance] timezone in the config file: change it there.</source>
            <translation>Set by [finance] timezone in the config file: change it there.</translation>
        </message>
        <message>
            <source>"Today" in the totals, the filter and the exports is a calendar day in this zone. `main.py totals` and `main.py payments` use it too.</source>
            <translation>"Today" in the totals, the filter and the exports is a calendar day in this zone. `main.py totals` and `main.py payments` use it too.</translation>
        </message>
        <message>
            <source>The same settings as the Notifications menu and the Actions tab's built-in rules.</source>
            <translation>The same settings as the Notifications menu and the Actions tab's built-in rules.</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Retention applies to this computer's SQLite store only.</source>
            <translation>Retention applies to this computer's SQLite store only.</translation>
        </message>
        <message>
            <source>the newest %1 events</source>
            <translation>the newest %1 events</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 days</translation>
        </message>
        <message>
            <source>under %1 GB</source>
            <translation>under %1 GB</translation>
        </message>
        <message>
            <source>Keeping: %1.</source>
            <translation>Keeping: %1.</translation>
        </message>
        <message>
            <source>Keeping every event (no limit).</source>
            <translation>Keeping every event (no limit).</translation>
        </message>
        <message>
            <source>Change retention…</source>
            <translation>Change retention…</translation>
        </message>
        <message>
            <source>Saved: applies at the next start.</source>
            <translation>Saved: applies at the next start.</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Focus the filter of the current tab (in the inspector: search in the body)</source>
            <translation>Focus the filter of the current tab (in the inspector: search in the body)</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>Focus the filter of the current tab</source>
            <translation>Focus the filter of the current tab</translation>
        </message>
        <message>
            <source>Open the selected event in the inspector</source>
            <translation>Open the selected event in the inspector</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Re-send the selected events to a target</source>
            <translation>Re-send the selected events to a target</translation>
        </message>
        <message>
            <source>Edit and re-send the current event</source>
            <translation>Edit and re-send the current event</translation>
        </message>
        <message>
            <source>Delete the selected events (asks first)</source>
            <translation>Delete the selected events (asks first)</translation>
        </message>
        <message>
            <source>List every shortcut (this list)</source>
            <translation>List every shortcut (this list)</translation>
        </message>
        <message>
            <source>Next tab</source>
            <translation>Next tab</translation>
        </message>
        <message>
            <source>Previous tab</source>
            <translation>Previous tab</translation>
        </message>
        <message>
            <source>Next or previous control (also out of a table)</source>
            <translation>Next or previous control (also out of a table)</translation>
        </message>
        <message>
            <source>The menu bar (then arrows)</source>
            <translation>The menu bar (then arrows)</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>What it does</source>
            <translation>What it does</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Where</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>StorageController</name>
        <message>
            <source>Size of the events database on disk (with its write-ahead log)</source>
            <translation>Size of the events database on disk (with its write-ahead log)</translation>
        </message>
        <message>
            <source>Database: {0}</source>
            <translation>Database: {0}</translation>
        </message>
        <message>
            <source>Compact database</source>
            <translation>Compact database</translation>
        </message>
        <message>
            <source>Compacting rewrites the database ({0}) to give the space of deleted events back to the disk. It needs about that much free disk space, and new requests wait (or are answered 503) while it runs. Compact now?</source>
            <translation>Compacting rewrites the database ({0}) to give the space of deleted events back to the disk. It needs about that much free disk space, and new requests wait (or are answered 503) while it runs. Compact now?</translation>
        </message>
        <message>
            <source>Compact failed: {0}</source>
            <translation>Compact failed: {0}</translation>
        </message>
        <message>
            <source>Compacted: {0} → {1}</source>
            <translation>Compacted: {0} → {1}</translation>
        </message>
    </context>
    <context>
        <name>SubscriptionSession</name>
        <message>
            <source>in the system keyring</source>
            <translation>in the system keyring</translation>
        </message>
        <message>
            <source>in the file</source>
            <translation>in the file</translation>
        </message>
        <message>
            <source>Webhook {0} created; secret kept {1} for the endpoint {2}.</source>
            <translation>Webhook {0} created; secret kept {1} for the endpoint {2}.</translation>
        </message>
        <message>
            <source>active</source>
            <translation>active</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>paused</translation>
        </message>
        <message numerus="yes">
            <source>Webhook {0}: {1}, %n event(s).</source>
            <translation>
                <numerusform>Webhook {0}: {1}, %n event.</numerusform>
                <numerusform>Webhook {0}: {1}, %n events.</numerusform>
            </translation>
        </message>
        <message>
            <source>Webhook {0} deleted.</source>
            <translation>Webhook {0} deleted.</translation>
        </message>
    </context>
    <context>
        <name>SubscriptionsOpener</name>
        <message>
            <source>Subscriptions</source>
            <translation>Subscriptions</translation>
        </message>
        <message>
            <source>Webhooks at the providers (Juno, Stripe, Asaas)…</source>
            <translation>Webhooks at the providers (Juno, Stripe, Asaas)…</translation>
        </message>
    </context>
    <context>
        <name>SubscriptionsWindow</name>
        <message>
            <source>Webhook subscriptions</source>
            <translation>Webhook subscriptions</translation>
        </message>
        <message>
            <source>{0} (dashboard only)</source>
            <translation>{0} (dashboard only)</translation>
        </message>
        <message>
            <source>Credentials…</source>
            <translation>Credentials…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation>Provider:</translation>
        </message>
        <message>
            <source>Failed: {0}</source>
            <translation>Failed: {0}</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Address (URL)</source>
            <translation>Address (URL)</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Events</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Save checked events</source>
            <translation>Save checked events</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Delete…</translation>
        </message>
        <message>
            <source>Webhooks registered in this account</source>
            <translation>Webhooks registered in this account</translation>
        </message>
        <message>
            <source>Event types</source>
            <translation>Event types</translation>
        </message>
        <message>
            <source>Create webhook</source>
            <translation>Create webhook</translation>
        </message>
        <message>
            <source>Public address:</source>
            <translation>Public address:</translation>
        </message>
        <message>
            <source>Path:</source>
            <translation>Path:</translation>
        </message>
        <message>
            <source>Will be registered:</source>
            <translation>Will be registered:</translation>
        </message>
        <message>
            <source>New webhook (check the events on the right)</source>
            <translation>New webhook (check the events on the right)</translation>
        </message>
        <message>
            <source>Open the {0} dashboard</source>
            <translation>Open the {0} dashboard</translation>
        </message>
        <message>
            <source>Environment: {0}</source>
            <translation>Environment: {0}</translation>
        </message>
        <message>
            <source>(enter the public address)</source>
            <translation>(enter the public address)</translation>
        </message>
        <message>
            <source>Discontinued: Juno no longer sends this event</source>
            <translation>Discontinued: Juno no longer sends this event</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Paused</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Resume</translation>
        </message>
        <message>
            <source>Asking {0}…</source>
            <translation>Asking {0}…</translation>
        </message>
        <message>
            <source>Enter the public address (https://…).</source>
            <translation>Enter the public address (https://…).</translation>
        </message>
        <message>
            <source>Check at least one event type on the right.</source>
            <translation>Check at least one event type on the right.</translation>
        </message>
        <message>
            <source>Refused: {0} starts with http://. {1} only delivers to HTTPS addresses; use a reverse proxy or a tunnel with HTTPS (see the README).</source>
            <translation>Refused: {0} starts with http://. {1} only delivers to HTTPS addresses; use a reverse proxy or a tunnel with HTTPS (see the README).</translation>
        </message>
        <message>
            <source>A webhook needs at least one event; to stop it, pause it.</source>
            <translation>A webhook needs at least one event; to stop it, pause it.</translation>
        </message>
        <message>
            <source>Delete webhook</source>
            <translation>Delete webhook</translation>
        </message>
        <message>
            <source>Delete the webhook {0} ({1})? The provider stops sending it events.</source>
            <translation>Delete the webhook {0} ({1})? The provider stops sending it events.</translation>
        </message>
        <message>
            <source>There is nowhere to keep credentials (no keyring and no file).</source>
            <translation>There is nowhere to keep credentials (no keyring and no file).</translation>
        </message>
        <message>
            <source>Credentials kept.</source>
            <translation>Credentials kept.</translation>
        </message>
        <message>
            <source>Incomplete: {0}
Webhook secret: {1}</source>
            <translation>Incomplete: {0}
Webhook secret: {1}</translation>
        </message>
        <message>
            <source>Mercado Pago has no API to register webhooks: register the URL in Your integrations → Webhooks, copy the secret signature it makes and paste it in Endpoints &amp; secrets.</source>
            <translation>Mercado Pago has no API to register webhooks: register the URL in Your integrations → Webhooks, copy the secret signature it makes and paste it in Endpoints &amp; secrets.</translation>
        </message>
        <message>
            <source>Pagar.me registers webhooks in its dashboard (Settings → Webhooks), or per transaction with postback_url; there is no API for it.</source>
            <translation>Pagar.me registers webhooks in its dashboard (Settings → Webhooks), or per transaction with postback_url; there is no API for it.</translation>
        </message>
        <message>
            <source>PagBank does not register webhooks by API: each order or charge carries notification_urls.</source>
            <translation>PagBank does not register webhooks by API: each order or charge carries notification_urls.</translation>
        </message>
        <message>
            <source>The address must be HTTPS and reachable from the internet (a team-mode server, a reverse proxy or a tunnel: see the README). The webhook's secret goes straight to the keyring and the path becomes an endpoint, with no copy and paste.</source>
            <translation>The address must be HTTPS and reachable from the internet (a team-mode server, a reverse proxy or a tunnel: see the README). The webhook's secret goes straight to the keyring and the path becomes an endpoint, with no copy and paste.</translation>
        </message>
        <message>
            <source>Juno's rule: two webhooks of the same digital account cannot subscribe to the same event; pause the other or remove the event from it first. The URL cannot change once created: delete it and create another.</source>
            <translation>Juno's rule: two webhooks of the same digital account cannot subscribe to the same event; pause the other or remove the event from it first. The URL cannot change once created: delete it and create another.</translation>
        </message>
        <message>
            <source>Stripe shows the secret only when the webhook is created.</source>
            <translation>Stripe shows the secret only when the webhook is created.</translation>
        </message>
        <message>
            <source>Asaas requires the e-mail of [providers.asaas] for stopped-queue notices.</source>
            <translation>Asaas requires the e-mail of [providers.asaas] for stopped-queue notices.</translation>
        </message>
    </context>
    <context>
        <name>TargetsDialog</name>
        <message>
            <source>Targets</source>
            <translation>Targets</translation>
        </message>
        <message>
            <source>New target</source>
            <translation>New target</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Save target</source>
            <translation>Save target</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>my app</source>
            <translation>my app</translation>
        </message>
        <message>
            <source>/juno — removed from the start of the event's path</source>
            <translation>/juno — removed from the start of the event's path</translation>
        </message>
        <message>
            <source>Append the event's path and query to this URL</source>
            <translation>Append the event's path and query to this URL</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <source>Path:</source>
            <translation>Path:</translation>
        </message>
        <message>
            <source>Strip prefix:</source>
            <translation>Strip prefix:</translation>
        </message>
        <message>
            <source>Timeout:</source>
            <translation>Timeout:</translation>
        </message>
        <message>
            <source>Add headers:</source>
            <translation>Add headers:</translation>
        </message>
        <message>
            <source>Drop headers:</source>
            <translation>Drop headers:</translation>
        </message>
        <message>
            <source>New target: fill it in, then Save target.</source>
            <translation>New target: fill it in, then Save target.</translation>
        </message>
        <message>
            <source>Not saved: {0}</source>
            <translation>Not saved: {0}</translation>
        </message>
        <message>
            <source>Saved “{0}”.</source>
            <translation>Saved “{0}”.</translation>
        </message>
        <message>
            <source>Remove target</source>
            <translation>Remove target</translation>
        </message>
        <message>
            <source>Remove “{0}”? Its forward rules are removed with it, and deliveries still queued for it are marked failed.</source>
            <translation>Remove “{0}”? Its forward rules are removed with it, and deliveries still queued for it are marked failed.</translation>
        </message>
        <message>
            <source>Removed “{0}” and its forward rules; its queued deliveries are marked failed.</source>
            <translation>Removed “{0}” and its forward rules; its queued deliveries are marked failed.</translation>
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
            <translation>↻ Duplicate of no. {id}: ignored</translation>
        </message>
        <message>
            <source>⚠ Invalid signature: the status did not change</source>
            <translation>⚠ Invalid signature: the status did not change</translation>
        </message>
        <message>
            <source>? Unverified (no secret): the status did not change</source>
            <translation>? Unverified (no secret): the status did not change</translation>
        </message>
        <message>
            <source>↶ Out of order: the status did not go back</source>
            <translation>↶ Out of order: the status did not go back</translation>
        </message>
        <message>
            <source>No status change</source>
            <translation>No status change</translation>
        </message>
    </context>
    <context>
        <name>TimelinePanel</name>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Received</translation>
        </message>
        <message>
            <source>Provider time</source>
            <translation>Provider time</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Signature</translation>
        </message>
        <message>
            <source>Effect</source>
            <translation>Effect</translation>
        </message>
        <message>
            <source>Show event in the Events tab</source>
            <translation>Show event in the Events tab</translation>
        </message>
        <message>
            <source>Timeline of the selected sale</source>
            <translation>Timeline of the selected sale</translation>
        </message>
        <message>
            <source>Timeline: select a payment above.</source>
            <translation>Timeline: select a payment above.</translation>
        </message>
        <message>
            <source>Entity</source>
            <translation>Entity</translation>
        </message>
        <message>
            <source>payment {id}</source>
            <translation>payment {id}</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s)</source>
            <translation>
                <numerusform>%n event</numerusform>
                <numerusform>%n events</numerusform>
            </translation>
        </message>
        <message>
            <source>Timeline · {parts}</source>
            <translation>Timeline · {parts}</translation>
        </message>
    </context>
    <context>
        <name>TotalsLabel</name>
        <message>
            <source>Finance day: the calendar day in {zone} (not the computer's).
Each sale (a charge and its payment) counts once, in the category of its current status, on the day that status happened (the provider's time; the time received when the provider does not say).
Only verified deliveries count (a valid signature, or unsigned on an endpoint marked as trusted): a 'PAID · unverified' is in no total.
Confirmed today: sales paid today, not refunded. Refunded today: payments given back or disputed today (they leave the confirmed). Failed today: sales that failed today.
Pending: sales open now, from any day.
Click a total to see exactly the rows it counts.</source>
            <translation>Finance day: the calendar day in {zone} (not the computer's).
Each sale (a charge and its payment) counts once, in the category of its current status, on the day that status happened (the provider's time; the time received when the provider does not say).
Only verified deliveries count (a valid signature, or unsigned on an endpoint marked as trusted): a 'PAID · unverified' is in no total.
Confirmed today: sales paid today, not refunded. Refunded today: payments given back or disputed today (they leave the confirmed). Failed today: sales that failed today.
Pending: sales open now, from any day.
Click a total to see exactly the rows it counts.</translation>
        </message>
        <message>
            <source>Confirmed today: {count} · {money}</source>
            <translation>Confirmed today: {count} · {money}</translation>
        </message>
        <message>
            <source>Refunded today: {count} · {money}</source>
            <translation>Refunded today: {count} · {money}</translation>
        </message>
        <message>
            <source>Failed today: {count}</source>
            <translation>Failed today: {count}</translation>
        </message>
        <message>
            <source>Pending: {count}</source>
            <translation>Pending: {count}</translation>
        </message>
    </context>
    <context>
        <name>WindowKeys</name>
        <message>
            <source>Select an event in the Events tab first.</source>
            <translation>Select an event in the Events tab first.</translation>
        </message>
        <message>
            <source>Re-sending is not available in this window.</source>
            <translation>Re-sending is not available in this window.</translation>
        </message>
        <message>
            <source>Re-send selected events to</source>
            <translation>Re-send selected events to</translation>
        </message>
        <message>
            <source>Copy as cURL, as it arrived</source>
            <translation>Copy as cURL, as it arrived</translation>
        </message>
        <message>
            <source>&amp;Events</source>
            <translation>&amp;Events</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Keyboard shortcuts…</source>
            <translation>Keyboard shortcuts…</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>Database cannot be read</source>
            <translation>Database cannot be read</translation>
        </message>
        <message>
            <source>{0}.

Move it aside and start with an empty database? The old file is kept next to it, renamed, so nothing is deleted.</source>
            <translation>{0}.

Move it aside and start with an empty database? The old file is kept next to it, renamed, so nothing is deleted.</translation>
        </message>
        <message>
            <source>Database moved aside</source>
            <translation>Database moved aside</translation>
        </message>
        <message>
            <source>The unreadable database was kept as:
{0}</source>
            <translation>The unreadable database was kept as:
{0}</translation>
        </message>
        <message>
            <source>Cannot open the data directory</source>
            <translation>Cannot open the data directory</translation>
        </message>
    </context>
</TS>
