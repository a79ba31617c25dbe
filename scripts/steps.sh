# Sourced by the README's two commands: runs each set-up step under a name, and says how long it took.
#   step NAME COMMAND...   prints "==> NAME", runs COMMAND with its output as it comes, then "<== NAME: 12s (total 40s)"
# A failed step says which one failed, and after how long, then stops the command.
STEPS_STARTED=${STEPS_STARTED:-$SECONDS}

step() {
  local name=$1; shift
  local started=$SECONDS
  echo "==> $name"
  if ! "$@"; then
    echo "<== $name FAILED after $((SECONDS - started))s (total $((SECONDS - STEPS_STARTED))s)" >&2
    exit 1
  fi
  echo "<== $name: $((SECONDS - started))s (total $((SECONDS - STEPS_STARTED))s)"
}
