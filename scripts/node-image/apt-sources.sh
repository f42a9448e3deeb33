# shellcheck shell=bash
# apt-sources.sh reads the machine's own apt configuration, so the node image
# uses whatever Debian mirror this machine is set up with. Sourced by
# build-node-image.sh; bash.

# apt_source_entries prints "URI SUITE" for each enabled `deb` source with the
# main component, deb822 files first, then one-line files.
apt_source_entries() {
	local dir=${APT_ETC:-/etc/apt} f
	for f in "$dir"/sources.list.d/*.sources; do
		[[ -r $f ]] || continue
		awk '
			function flush(  n, i, u, s) {
				if (types ~ /(^| )deb( |$)/ && comps ~ /(^| )main( |$)/ && tolower(enabled) != "no") {
					split(uris, u, " ")
					n = split(suites, s, " ")
					for (i = 1; i <= n; i++) if (u[1] != "") print u[1], s[i]
				}
				types = uris = suites = comps = enabled = ""
			}
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			/^[ \t]/ { next }
			{
				key = tolower($1); sub(/:$/, "", key)
				$1 = ""; sub(/^ +/, "")
				if (key == "types") types = $0
				else if (key == "uris") uris = $0
				else if (key == "suites") suites = $0
				else if (key == "components") comps = $0
				else if (key == "enabled") enabled = $0
			}
			END { flush() }
		' "$f"
	done
	for f in "$dir"/sources.list "$dir"/sources.list.d/*.list; do
		[[ -r $f ]] || continue
		sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
			awk '$1 == "deb" && NF >= 4 { for (i = 4; i <= NF; i++) if ($i == "main") { print $2, $3; break } }'
	done
}

# apt_source_uri SUITE prints the first URI that serves SUITE's main component.
apt_source_uri() {
	apt_source_entries | awk -v s="$1" '$2 == s { print $1; exit }'
}

# apt_source_suites SUITE prints SUITE and SUITE-updates when the URI serving
# SUITE serves that too, space separated.
apt_source_suites() {
	local uri
	uri=$(apt_source_uri "$1")
	apt_source_entries | awk -v u="$uri" -v s="$1" '
		$1 == u && ($2 == s || $2 == s "-updates") && !seen[$2]++ { out = out (out == "" ? "" : " ") $2 }
		END { print out }'
}
