# Sourced: makes a wine prefix at "$1" that runs Rust exes, and sets $wine.
#   source .ci/wine-prefix.sh "$dir/prefix"
if ! command -v wine64 >/dev/null 2>&1 && [ ! -x /usr/lib/wine/wine64 ]; then
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64)

export WINEPREFIX="$1" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY
"$wine" wineboot -i >/dev/null 2>&1 || true

# Debian 12's wine 8.0 lacks bcryptprimitives.dll!ProcessPrng, which every Rust
# exe since 1.78 imports; this test-only stand-in forwards to BCryptGenRandom.
cat > "$WINEPREFIX/bp.c" <<'C'
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE d, SIZE_T n) {
    while (n) { ULONG c = n > 0x40000000 ? 0x40000000 : (ULONG)n;
        if (BCryptGenRandom(NULL, d, c, BCRYPT_USE_SYSTEM_PREFERRED_RNG)) return FALSE;
        d += c; n -= c; }
    return TRUE; }
C
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$WINEPREFIX/bp.c" -lbcrypt

