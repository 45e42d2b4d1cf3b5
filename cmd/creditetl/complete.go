package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// bashCompletion is urfave/cli's bash_autocomplete script for creditetl: the
// shell asks the binary itself (--generate-bash-completion) for the
// commands and flags that fit.
const bashCompletion = `# bash completion for creditetl: source it, or put it in
# /etc/bash_completion.d/creditetl or ~/.local/share/bash-completion/completions/creditetl
_creditetl_init_completion() {
  COMPREPLY=()
  _get_comp_words_by_ref "$@" cur prev words cword
}

_creditetl_bash_autocomplete() {
  if [[ "${COMP_WORDS[0]}" != "source" ]]; then
    local cur opts base words
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    if declare -F _init_completion >/dev/null 2>&1; then
      _init_completion -n "=:" || return
    else
      _creditetl_init_completion -n "=:" || return
    fi
    words=("${words[@]:0:$cword}")
    if [[ "$cur" == "-"* ]]; then
      requestComp="${words[*]} ${cur} --generate-bash-completion"
    else
      requestComp="${words[*]} --generate-bash-completion"
    fi
    opts=$(eval "${requestComp}" 2>/dev/null)
    COMPREPLY=($(compgen -W "${opts}" -- ${cur}))
    return 0
  fi
}

complete -o bashdefault -o default -o nospace -F _creditetl_bash_autocomplete creditetl
`

// zshCompletion is urfave/cli's zsh_autocomplete script for creditetl.
const zshCompletion = `#compdef creditetl
# zsh completion for creditetl: put it in a folder of $fpath as _creditetl,
# or source it after compinit

_creditetl() {
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

compdef _creditetl creditetl
`

func completionCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Examples:
  source <(creditetl completion bash)                       # this shell
  creditetl completion bash > ~/.local/share/bash-completion/completions/creditetl
  creditetl completion zsh > "${fpath[1]}/_creditetl"
  creditetl completion fish > ~/.config/fish/completions/creditetl.fish`,
		Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
			if len(args) != 1 {
				return usage(c, "want one shell: bash, zsh or fish")
			}
			return writeCompletion(e.Stdout, c.App, args[0], c)
		}),
	}
}

func writeCompletion(w io.Writer, app *cli.App, shell string, c *cli.Context) error {
	switch shell {
	case "bash":
		_, err := io.WriteString(w, bashCompletion)
		return err
	case "zsh":
		_, err := io.WriteString(w, zshCompletion)
		return err
	case "fish":
		s, err := app.ToFishCompletion()
		if err != nil {
			return fmt.Errorf("fish completion: %w", err)
		}
		_, err = io.WriteString(w, s)
		return err
	}
	return usage(c, "unknown shell %q: want bash, zsh or fish", shell)
}

func manCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), or --markdown",
		Description: `Examples:
  creditetl man | man -l -
  creditetl man > ~/.local/share/man/man1/creditetl.1`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "markdown", Usage: "print Markdown instead of roff"},
		},
		Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usage(c, "takes no argument, got %q", args[0])
			}
			var text string
			var err error
			if c.Bool("markdown") {
				text, err = c.App.ToMarkdown()
			} else {
				text, err = c.App.ToMan()
			}
			if err != nil {
				return fmt.Errorf("man: %w", err)
			}
			_, err = io.WriteString(e.Stdout, strings.TrimLeft(text, "\n"))
			return err
		}),
	}
}
