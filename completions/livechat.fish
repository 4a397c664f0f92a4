# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_livechat_global_optspecs
    string join \n url= token= profile= timeout= retry-for= h/help V/version
end

function __fish_livechat_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_livechat_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_livechat_using_subcommand
    set -l cmd (__fish_livechat_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c livechat -n "__fish_livechat_needs_command" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_needs_command" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_needs_command" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_needs_command" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_needs_command" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_needs_command" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_needs_command" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "server" -d 'Run the Live Chat API server'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "auth" -d 'Log in, check or print credentials'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "requests" -d 'List, inspect, assign and resolve live chat requests'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "notes" -d 'Add notes to requests'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "labels" -d 'Labels on requests: list them with their counts'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "members" -d 'Members: list, invite, remove, change roles, set presence'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "bots" -d 'Bots: channels, automatic texts, the request form and integration keys'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "routing" -d 'Routing: how each bot\'s waiting requests are given to members with room'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "retention" -d 'Retention: how long closed requests are kept, and what the next sweep deletes'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "audit" -d 'The audit log: who changed what in the organization, newest first (org admins)'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "visitors" -d 'Visitors: erase one person\'s data on their request'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "webhooks" -d 'Webhooks: signed notifications of new, assigned, resolved and closed requests and messages'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "stats" -d 'Live chat analytics: counts and times to assign, to first reply and to resolve'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "dashboard" -d 'Open the analytics dashboard in a browser, signed in with a link that works once'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "api" -d 'Make an authenticated call to any API route and print the JSON answer'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "completions" -d 'Print shell completions: bash, zsh, fish, powershell or elvish'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "help" -d 'Show help for a command, or a topic: environment, exit-codes, formatting'
complete -c livechat -n "__fish_livechat_needs_command" -f -a "generate-docs" -d 'Write completions/, man/ and docs/cli-help.txt from the command definitions'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -f -a "start-dev" -d 'Start a demo server with seeded data and write CLI profiles for it (not for production)'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -f -a "run" -d 'Run the production server'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -f -a "init" -d 'Create an organization and print its first admin token'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -f -a "seed" -d 'Fill a new database with generated requests, fast, for benchmarks and load tests'
complete -c livechat -n "__fish_livechat_using_subcommand server; and not __fish_seen_subcommand_from start-dev run init seed migrate-db" -f -a "migrate-db" -d 'Copy a whole database into an empty one, e.g. from SQLite up to PostgreSQL'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l port -d 'Port to listen on, on 127.0.0.1' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l db -d 'Keep the demo in this database instead of in memory: a SQLite file path or `sqlite://PATH`, or `postgres://USER@HOST/DB`; an empty one gets the demo data' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l archive-after -d 'How long a resolved request stays reopenable before it is closed (`0` closes at once)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l idle-timeout -d 'Close a connection that takes longer than this to send a request\'s head: new, idle between requests, or sending its headers slowly' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l first-byte-timeout -d 'Close a new connection that sends nothing for this long, so idle sockets cannot hold the server\'s connections' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l request-timeout -d 'Answer 503 when a call takes longer than this to answer (streams run on)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l max-connections -d 'Connections served at once; more are closed as they arrive. A quarter is held back for callers who send their request at once (health checks, members); the server lowers it to fit its open-files limit' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l max-streams-per-member -d 'Live streams one member may hold open at once' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l max-streams-per-address -d 'Live streams one client address may hold open at once, members\' and visitors\' together; 0 for no cap, the default, since behind a proxy every client shares its address' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l max-visitor-streams-per-address -d 'Visitors\' live streams (those without a member token) one client address may hold open at once; 0 for no cap' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l rate-limit -d 'Rate limits: `off` lifts them all, for load tests and benchmarks' -r -f -a "on\t''
off\t''"
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l visitor-rate -d 'Visitor calls (request forms and messages) per minute from one client address' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l bot-rate -d 'New requests per minute for one bot, from every address together' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l token-rate -d 'Members\' API calls per minute with one token' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l max-open-per-address -d 'Open requests one client address may hold at once; more forms are refused until staff resolve one' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l trusted-proxy -d 'A proxy whose X-Forwarded-For names the client (repeat for several); others\' is ignored' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l webhook-allow -d 'An internal range webhooks may be sent to all the same, such as `10.0.0.0/8` for an on-premises receiver (repeat for several); loopback, private, link-local and other non-public addresses are refused otherwise' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l page-cache-mb -d 'Memory for pages kept to answer repeated reads (the queue, a request, the backlog, figures, the team) until the next write; 0 turns the cache off, with the same answers' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l log-format -d 'The server\'s log format on stderr' -r -f -a "text\t'One readable line per event'
json\t'One JSON object per event, with the request\'s id and route'"
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from start-dev" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l db -d 'The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB` (several servers may share one PostgreSQL database)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l listen -d 'Address to listen on' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l archive-after -d 'How long a resolved request stays reopenable before it is closed (`0` closes at once)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l retention-every -d 'How often to delete closed requests past the organization\'s retention policy (`livechat retention set`)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l idle-timeout -d 'Close a connection that takes longer than this to send a request\'s head: new, idle between requests, or sending its headers slowly' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l first-byte-timeout -d 'Close a new connection that sends nothing for this long, so idle sockets cannot hold the server\'s connections' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l request-timeout -d 'Answer 503 when a call takes longer than this to answer (streams run on)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l max-connections -d 'Connections served at once; more are closed as they arrive. A quarter is held back for callers who send their request at once (health checks, members); the server lowers it to fit its open-files limit' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l max-streams-per-member -d 'Live streams one member may hold open at once' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l max-streams-per-address -d 'Live streams one client address may hold open at once, members\' and visitors\' together; 0 for no cap, the default, since behind a proxy every client shares its address' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l max-visitor-streams-per-address -d 'Visitors\' live streams (those without a member token) one client address may hold open at once; 0 for no cap' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l rate-limit -d 'Rate limits: `off` lifts them all, for load tests and benchmarks' -r -f -a "on\t''
off\t''"
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l visitor-rate -d 'Visitor calls (request forms and messages) per minute from one client address' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l bot-rate -d 'New requests per minute for one bot, from every address together' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l token-rate -d 'Members\' API calls per minute with one token' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l max-open-per-address -d 'Open requests one client address may hold at once; more forms are refused until staff resolve one' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l trusted-proxy -d 'A proxy whose X-Forwarded-For names the client (repeat for several); others\' is ignored' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l webhook-allow -d 'An internal range webhooks may be sent to all the same, such as `10.0.0.0/8` for an on-premises receiver (repeat for several); loopback, private, link-local and other non-public addresses are refused otherwise' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l page-cache-mb -d 'Memory for pages kept to answer repeated reads (the queue, a request, the backlog, figures, the team) until the next write; 0 turns the cache off, with the same answers' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l log-format -d 'The log format on stderr' -r -f -a "text\t'One readable line per event'
json\t'One JSON object per event, with the request\'s id and route'"
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l db-pool -d 'Connections this server keeps to PostgreSQL; mind the database\'s `max_connections` across all replicas' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l metrics-listen -d 'Serve `/metrics` for Prometheus on this address of its own, to whoever reaches it: bind it where only the scraper can (the metrics count every organization\'s requests)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l metrics-token -d 'Serve `/metrics` on the API\'s address to callers who send this bearer token (16 characters or more); prefer the environment variable, which the process list does not show' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l db -d 'The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB` (several servers may share one PostgreSQL database)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l org -d 'The organization\'s name' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l admin -d 'The first org admin\'s email' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l name -d 'The first org admin\'s display name [default: the email]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l db -d 'The database to fill: `sqlite://PATH` or a file path that must not exist yet, or an empty `postgres://USER@HOST/DB`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l requests -d 'How many requests in all: 2% new, 1% assigned, 0.5% chatting, 1% resolved, the rest closed' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l new -d 'Exactly this many new requests (the rest of --requests is shared as above)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l assigned -d 'Exactly this many assigned requests' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l chatting -d 'Exactly this many chatting requests' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l resolved -d 'Exactly this many resolved requests' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l closed -d 'Exactly this many closed requests [default: whatever --requests leaves]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l days -d 'Spread the closed archive evenly over this many days back' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from seed" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l from -d 'The database to copy: `sqlite://PATH`, a file path, or `postgres://USER@HOST/DB`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l to -d 'The empty database to fill, of either kind' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand server; and __fish_seen_subcommand_from migrate-db" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -f -a "login" -d 'Save a token in a profile after checking it with the server'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -f -a "status" -d 'Show who the active profile is logged in as'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -f -a "logout" -d 'Remove a profile\'s token'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -f -a "token" -d 'Print the active token, for use in scripts'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token tokens" -f -a "tokens" -d 'List, create or revoke API tokens'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l invite -d 'Join with an invitation\'s single-use code, getting a token of your own' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from stdin (it is never taken as an argument, which would leak into shell history)'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -f -a "list" -d 'List your tokens (org admins: anyone\'s)'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -f -a "create" -d 'Create a token for yourself; it is shown once'
complete -c livechat -n "__fish_livechat_using_subcommand auth; and __fish_seen_subcommand_from tokens" -f -a "revoke" -d 'Revoke a token: it stops working at once (org admins: anyone\'s)'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "list" -d 'List requests: the open queue by default, new first and newest first'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "show" -d 'Show one request: details, notes, transcript and timeline'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "search" -d 'Find requests by the words of their conversations, notes and visitors, best first'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "assign" -d 'Assign requests to yourself or, as an admin, to another member'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "unassign" -d 'Give requests back to the queue'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "resolve" -d 'Resolve requests, optionally with a note'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "label" -d 'Put labels on requests or take them off, selected by ids, stdin or filters'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "chat" -d 'Chat live with the visitor of a request you hold; or send one message, or follow'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "watch" -d 'Print changes to the queue as they happen, one line each'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "backlog" -d 'Summarize the open queue; with thresholds, exit 3 when one is exceeded (for CI)'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and not __fish_seen_subcommand_from list show search assign unassign resolve label chat watch backlog export" -f -a "export" -d 'Stream archived requests as JSON Lines or CSV, to stdout or a file'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l state -d 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l assignee -d 'Only requests assigned to this member: `me`, `none`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l older-than -d 'Only requests created longer ago than this, like `10m` or `2h`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l newer-than -d 'Only requests created more recently than this' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l search -d 'Only requests whose transcript, notes, or visitor name or email hold every word of TEXT, like `--search "order A-1001"`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -s L -l limit -d 'Show at most this many requests' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l all -d 'Show every matching request, page by page'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l state -d 'States to include, comma-separated [default: all]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l assignee -d 'Only requests assigned to this member: `me`, `none`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -s L -l limit -d 'Show at most this many requests, best first' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l state -d 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l assignee -d 'Only requests assigned to this member: `me`, `none`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l older-than -d 'Only requests created longer ago than this, like `10m` or `2h`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l newer-than -d 'Only requests created more recently than this' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l search -d 'Only requests whose transcript, notes, or visitor name or email hold every word of TEXT, like `--search "order A-1001"`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l to -d 'Who gets the requests: `me`, an email or a member id; a comma list (`alice@x,bob@x`) or `online` spreads them evenly, least loaded first' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l dry-run -d 'Show what would change, and change nothing'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from assign" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l state -d 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l assignee -d 'Only requests assigned to this member: `me`, `none`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l older-than -d 'Only requests created longer ago than this, like `10m` or `2h`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l newer-than -d 'Only requests created more recently than this' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l search -d 'Only requests whose transcript, notes, or visitor name or email hold every word of TEXT, like `--search "order A-1001"`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l dry-run -d 'Show what would change, and change nothing'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from unassign" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l state -d 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l assignee -d 'Only requests assigned to this member: `me`, `none`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l older-than -d 'Only requests created longer ago than this, like `10m` or `2h`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l newer-than -d 'Only requests created more recently than this' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l search -d 'Only requests whose transcript, notes, or visitor name or email hold every word of TEXT, like `--search "order A-1001"`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l note -d 'A resolution note, kept with each request' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l dry-run -d 'Show what would change, and change nothing'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -f -a "add" -d 'Put labels on requests: `requests label add 41 42 refund vip`'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from label" -f -a "remove" -d 'Take labels off requests: `requests label remove --label triage triage`'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l send -d 'Send one message and exit; starts the chat first when you hold the request' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l follow -d 'Print the conversation as it happens, until the request leaves chatting'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from chat" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l state -d 'Only changes into these states, comma-separated (`open`, `all`, or names) [default: all]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l assignee -d 'Only changes that leave requests with this member: `me`, `none`, an email or an id' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l channel -d 'Only requests from this channel' -r -f -a "web\t''
discord\t''
messenger\t''"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l max-new -d 'Fail (exit 3) when more than N requests are new' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l max-unassigned -d 'Fail (exit 3) when more than N open requests have no assignee' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l max-age -d 'Fail (exit 3) when the oldest new request is older than this, like `15m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from backlog" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l state -d 'States to export, comma-separated [default: closed]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l since -d 'Only requests closed at or after this: a date (2026-11-01), an RFC 3339 time, or an age like `7d`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l until -d 'Only requests closed before this: a date, an RFC 3339 time, or an age like `1d`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l search -d 'Only requests whose transcript, notes, or visitor name or email hold every word of TEXT' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l label -d 'Only requests with this label' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l format -d 'jsonl: each request with notes, messages and timeline; csv: one summary row each' -r -f -a "jsonl\t'One JSON object per line: the request with its notes, messages and timeline'
csv\t'One row per request, with a header row'"
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to FILE; a name ending in `.gz` is gzip-compressed. `-` is stdout, which is also the default when stdout is not a terminal' -r -F
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l changes-after -d 'Export the change feed instead: every request created or changed since CURSOR (`0.0` from the beginning), and every one deleted, ending with the next run\'s cursor (org admins)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -l resume -d 'Continue the interrupted export to FILE after its last complete record'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand requests; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and not __fish_seen_subcommand_from add" -f -a "add" -d 'Add a note to a request; the text comes from --body, --body-file, or stdin'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -s b -l body -d 'The note\'s text' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -s F -l body-file -d 'Read the note from this file (`-` for stdin)' -r -F
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand notes; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and not __fish_seen_subcommand_from list" -f -a "list" -d 'List the labels on the organization\'s requests, most used first, with their counts'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand labels; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "list" -d 'List the members of your organization'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "show" -d 'Show one member'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "add" -d 'Invite someone: makes a single-use code they join with (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "remove" -d 'Remove a member: their tokens are revoked, their history stays (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "invitations" -d 'List invitations, or revoke one (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "role" -d 'Change a member\'s role (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "presence" -d 'Show your presence, or set it'
complete -c livechat -n "__fish_livechat_using_subcommand members; and not __fish_seen_subcommand_from list show add remove invitations role presence capacity" -f -a "capacity" -d 'Set how many open requests routing gives a member at most, or the default (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l role -d 'Their role' -r -f -a "org-admin\t''
bot-admin\t''
agent\t''"
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l name -d 'Their name [default: from the email]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l bot -d 'With bot-admin: a bot they administer, by id (repeat for several)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l expires -d 'How long the code stays valid' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l reassign-to -d 'Where their open requests go first: a member, or `none` to put them back in the queue' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from invitations" -f -a "revoke" -d 'Revoke a pending invitation, so its code no longer works'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l bot -d 'With bot-admin: a bot the member administers, by id (repeat for several)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from role" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from presence" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l default -d 'Set the organization\'s default capacity instead: what members without one of their own hold' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand members; and __fish_seen_subcommand_from capacity" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "list" -d 'List your organization\'s bots'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "show" -d 'Show a bot: channels, automatic texts and form'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "create" -d 'Create a bot (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "update" -d 'Change a bot\'s name, channels or automatic texts (org admins; bot admins of it)'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "form" -d 'Show or set a bot\'s Live Chat Request Form'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and not __fish_seen_subcommand_from list show create update form keys" -f -a "keys" -d 'Integration keys, which let a Discord or Messenger integration open requests'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l channel -d 'Where it is deployed: web, discord, messenger, comma-separated' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l queue-reply -d 'The bot\'s answer while a request waits in the queue' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l agent-joined -d 'The transcript\'s line when an agent starts chatting; `{agent}` is their name' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l agent-left -d 'The transcript\'s line when the agent stops chatting; `{agent}` is their name' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l offline-reply -d 'The bot\'s answer while no member is online' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l name -d 'A new name' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l channel -d 'The channels it is deployed on, replacing the current ones' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l embed-origin -d 'A site that may show the web chat page in a frame, as an origin like `https://shop.example` (repeat for several; replaces the current list)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l queue-reply -d 'The bot\'s answer while a request waits in the queue' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l agent-joined -d 'The transcript\'s line when an agent starts chatting; `{agent}` is their name' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l agent-left -d 'The transcript\'s line when the agent stops chatting; `{agent}` is their name' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l offline-reply -d 'The bot\'s answer while no member is online' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l no-embed-origins -d 'Let no site frame the web chat page (the default for a new bot)'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -f -a "show" -d 'Show the form\'s fields'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from form" -f -a "set" -d 'Replace the form: from a file shaped as `form show --json` prints, or from --field flags'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List a bot\'s integration keys'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -f -a "create" -d 'Create an integration key; it is shown once'
complete -c livechat -n "__fish_livechat_using_subcommand bots; and __fish_seen_subcommand_from keys" -f -a "revoke" -d 'Revoke an integration key: it stops working at once'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -f -a "show" -d 'Show each bot\'s routing policy and the members\' default capacity'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and not __fish_seen_subcommand_from show set" -f -a "set" -d 'Set a bot\'s routing policy (org admins and admins of the bot)'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l mode -d 'off: members take requests themselves; round-robin: each online member in turn; least-busy: whoever holds the fewest' -r -f -a "off\t''
round-robin\t''
least-busy\t''"
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l order -d 'Which waiting request goes first' -r -f -a "oldest\t''
newest\t''"
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand routing; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -f -a "show" -d 'Show how long closed requests and audit records are kept'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -f -a "set" -d 'Delete closed requests, with their history, this long after they closed (org admins)'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and not __fish_seen_subcommand_from show set preview" -f -a "preview" -d 'Show what the next sweep would delete if it ran now (org admins)'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l closed-after -d 'Whole days after closing, like `30d` or `365d`, or `off` to keep the archive for ever' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l require-export -d 'Keep each closed request, however old, until a finished `livechat requests export` of closed requests holds it (the export tells the server so). The policy is set whole: leaving this out turns it off'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand retention; and __fish_seen_subcommand_from preview" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and not __fish_seen_subcommand_from list" -f -a "list" -d 'List administrative changes, newest first: who did what, to what, from where'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l actor -d 'Only changes made by this member: `me`, an email, or a member id' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l action -d 'Only this action, like `member.role`, or a family of them, like `member`' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l target -d 'Only changes to this target, like `member:4`, `bot:2` or `retention`' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'Only changes made at or after this time, date or age (`7d`)' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l until -d 'Only changes made before this time, date or age' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -s L -l limit -d 'Show at most this many records' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l all -d 'Show every matching record, page by page'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l csv -d 'Print CSV with a header, for spreadsheets: cells never start a formula'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand audit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and not __fish_seen_subcommand_from erase" -f -a "erase" -d 'Erase one person\'s data from every request they filed, keeping the requests\' history (org admins only)'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l email -d 'Every visitor who gave this email, in any case' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l user-id -d 'The visitor with this user id in any of your bots: `CHANNEL:ID`, as `discord:8035…`; an id shown without its channel (a web visitor\'s) takes it in front, as `web:visitor-3fa2…`' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l dry-run -d 'Show what would be erased, and change nothing'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -s y -l yes -d 'Do not ask for confirmation; required without a terminal'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand visitors; and __fish_seen_subcommand_from erase" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "add" -d 'Add a webhook; its signing secret is shown once'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "list" -d 'List the webhooks'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "remove" -d 'Remove a webhook; what it had not delivered is given up on'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "test" -d 'Send a `webhook.test` event now and show how the receiver answered'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "deliveries" -d 'Show recent deliveries, newest first'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and not __fish_seen_subcommand_from add list remove test deliveries redeliver" -f -a "redeliver" -d 'Send a delivery again (and turn its webhook back on if it was disabled)'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l events -d 'Events, comma-separated: request.created, request.assigned, request.resolved, request.closed, message.created' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l bot -d 'Only this bot\'s requests, by id' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l webhook -d 'Only this webhook\'s' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l limit -d 'How many' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l failed -d 'Only those that failed, or are failing and waiting for another try'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l since -d 'How far back to look, like `24h`, `7d` or `30d`; with --by, also a time or a date [default: 7d; with --by, 24h, 30d or 12 weeks by bucket]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l until -d 'With --by: where the window ends, a time, a date or an age [default: now]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l by -d 'Show the window as a series of UTC buckets: volume, backlog and time to resolve over time' -r -f -a "hour\t''
day\t''
week\t''"
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l channel -d 'With --by: only requests from this channel' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l csv -d 'With --by: print the series as CSV, one row per bucket, for a spreadsheet'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and not __fish_seen_subcommand_from members" -f -a "members" -d 'Each member\'s load and speed over the window: requests held now, first assigned, resolved, and times to first reply and to resolve'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l since -d 'Where the window starts: an age like `7d`, a time or a date [default: 7d]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l until -d 'Where the window ends [default: now]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l bot -d 'Only requests of this bot, by id or name' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l channel -d 'Only requests from this channel' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand stats; and __fish_seen_subcommand_from members" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l no-browser -d 'Print the link instead of opening a browser'
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand api" -s f -l raw-field -d 'A string field: `key=value`; the JSON body, or the query string for GET' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -s F -l field -d 'A typed field: `key=value`, where the value is read as JSON when it parses (numbers, true, false, null, arrays, objects) and as a string otherwise' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l input -d 'Send this file (`-` for stdin) as the request body, as it is' -r -F
complete -c livechat -n "__fish_livechat_using_subcommand api" -l jq -d 'Filter the JSON with a jq expression (implies --json); strings print without quotes' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand api" -l json -d 'Print JSON instead of a table; the fields are listed in the README'
complete -c livechat -n "__fish_livechat_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand api" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand completions" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand completions" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand completions" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand completions" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand completions" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand completions" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand help" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand help" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand help" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand help" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand help" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livechat -n "__fish_livechat_using_subcommand help" -s V -l version -d 'Print version'
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l out -d 'The project folder to write `completions/`, `man/` and `docs/cli-help.txt` into' -r -F
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l url -d 'Server URL [default: the profile\'s URL, else http://127.0.0.1:7420]' -r
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l token -d 'API token [default: the profile\'s token]' -r
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l profile -d 'Profile to use [default: the config\'s default profile]' -r
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l timeout -d 'Time limit for each call to the server, like `30s` or `2m`' -r
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -l retry-for -d 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)' -r
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -s h -l help -d 'Print help'
complete -c livechat -n "__fish_livechat_using_subcommand generate-docs" -s V -l version -d 'Print version'
