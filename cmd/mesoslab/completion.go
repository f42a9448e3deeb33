package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// bashCompletion asks mesoslab itself for the words that fit, through
// urfave/cli's --generate-bash-completion (the protocol of its
// autocomplete/bash_autocomplete). It needs nothing from the
// bash-completion package, and runs the words typed so far as an argument
// list, never through eval.
const bashCompletion = `# mesoslab completion for bash: source <(mesoslab completion bash)
_mesoslab_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local opts
  if [[ "$cur" == -* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
  return 0
}
complete -o bashdefault -o default -F _mesoslab_complete mesoslab
`

// zshCompletion is urfave/cli's autocomplete/zsh_autocomplete for mesoslab.
const zshCompletion = `#compdef mesoslab
# mesoslab completion for zsh: source <(mesoslab completion zsh), after compinit
_mesoslab_complete() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _mesoslab_complete mesoslab
`

func completionCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash: source <(mesoslab completion bash), or write it to /etc/bash_completion.d/mesoslab\n" +
			"zsh:  source <(mesoslab completion zsh) after compinit\n" +
			"fish: mesoslab completion fish > ~/.config/fish/completions/mesoslab.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion needs one shell: bash, zsh or fish, e.g. `source <(mesoslab completion bash)`")
			}
			var script string
			switch sh := c.Args().First(); sh {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				fish, err := c.App.ToFishCompletion()
				if err != nil {
					return fmt.Errorf("fish completion: %w", err)
				}
				script = fish
			default:
				return usagef("completion %q: use bash, zsh or fish", sh)
			}
			_, err := fmt.Fprint(s.Out, script)
			return err
		},
	}
}
