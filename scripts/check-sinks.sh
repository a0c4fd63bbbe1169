#!/usr/bin/env bash
# Fails when src/ contains an HTML sink: text given to any of these is parsed
# as markup, so an article, a note or an imported field could run script.
# The widget builds every node with Yew's html! or web_sys; none is allowed.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='from_html_unchecked|set_inner_html|inner_html|innerHTML|outer_html|outerHTML|insertAdjacentHTML|insert_adjacent_html|document\.write'
if grep -rnE "$pattern" src/; then
  echo "check-sinks: HTML sink(s) found in src/ (listed above); build nodes instead" >&2
  exit 1
fi
echo "check-sinks: no HTML sink in src/"
