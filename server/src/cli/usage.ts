export const usage = `Usage: tessera <command> [options]

Commands:
  start                         Start Tessera (builds the web app first when it is missing or stale)
      --no-build                  serve without building the web app (npm run dev uses this)
  setup                         Create the first organization and its administrator
      --org-name NAME             required
      --org-slug SLUG             default: the name in lower-case kebab form ("Acme Corp" → acme-corp)
      --admin-email EMAIL         required
      --first NAME --last NAME    the administrator's name
                                  password: TESSERA_ADMIN_PASSWORD, else asked for in a terminal
  org add                       Create another organization
      --name NAME                 required
      --slug SLUG                 default: the name in lower-case kebab form
  user add                      Add a member to an organization (or a membership to an existing account)
      --org SLUG --email EMAIL    required
      --first NAME --last NAME --username NAME
      --admin                     as an administrator of the organization
      --invite                    send the invitation e-mail
      --password-stdin            set the password read from standard input
  user reset-mfa                Remove a person's second factors, in every organization they belong to
      --email EMAIL               required
  keys rotate                   New OpenID Connect signing keys; the old ones stay published for a day
  migrate                       Apply the database migrations and exit
  help                          Show this text

The commands read the same environment as the server (PORT, PUBLIC_URL, DATA_DIR, DATABASE_URL,
REDIS_URL, SMTP_URL, MAIL_FROM, TESSERA_SECRET, WORKERS, LOG_LEVEL, TRUST_PROXY, OUTBOUND_ALLOW) and work whether
Tessera is running or stopped.
`;
