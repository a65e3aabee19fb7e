#pragma once
// Shell completion scripts, generated from the CLI11 definitions that parse the command line,
// so that they list exactly the commands, options and values refer accepts (src/cli/completion.cpp).
#include <CLI/CLI.hpp>
#include <string>

namespace refer {

// `source <(refer completion bash)`, or the file share/bash-completion/completions/refer.
std::string bash_completion(CLI::App& app);
// `source <(refer completion zsh)` after compinit, or the file share/zsh/vendor-completions/_refer.
std::string zsh_completion(CLI::App& app);

} // namespace refer
