#!/bin/sh
# As the official nginx image's 20-envsubst-on-templates.sh: every /etc/nginx/templates/NAME.template
# becomes /etc/nginx/conf.d/NAME with ${VAR} replaced for the variables defined in the environment
# only, so nginx's own $variables stay.
set -eu
defined=$(awk 'BEGIN { for (name in ENVIRON) printf "${%s} ", name }')
for t in /etc/nginx/templates/*.template; do
  [ -f "$t" ] || continue
  out=/etc/nginx/conf.d/$(basename "$t" .template)
  envsubst "$defined" < "$t" > "$out"
  echo "$0: $t -> $out"
done
