# Sourced by the .ci/bench*.sh scripts: builds jixiao (release) and defines
# `bench_tools_for [cargo args]`, which builds tests/bench_tools.rs and prints
# the path of its executable (for another target with `--target …`).
cargo build --release --locked -q
bench_tools_for() {
  cargo test --release --locked --test bench_tools --no-run --message-format=json "$@" 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "bench_tools":
        print(m["executable"])'
}
