#!/usr/bin/env bash
# benchmarks/run.sh — measures Amber against this box's own limits, in one run, and writes a
# markdown report to benchmarks/results/<UTC time>-<host>.md.
#
#   benchmarks/run.sh                         everything: limits, JMH, the stack's floor, amber-bench, restart
#   benchmarks/run.sh --quick                 short runs (a smoke test of the whole chain; report under --work)
#   benchmarks/run.sh --skip-jmh --skip-restart --skip-limits   leave parts out
#   benchmarks/run.sh --jmh-only REGEX        only the JMH benchmarks whose names match REGEX (e.g. DigestBench,
#                                             which gives the report its one-core MD5 rate)
#   benchmarks/run.sh --ceph                  also start a throw-away Ceph RGW (../shared/peers/start-ceph.sh,
#                                             OBJECTSTORE=bluestore unless set) and measure it with the same client
#   benchmarks/run.sh --peer URL --peer-access-key K --peer-secret-key S [--peer-pid PID[,PID]] [--peer-name NAME]
#                                             also measure another S3 endpoint that is already running
#   --work DIR (default /var/tmp/amber-bench): fio files and Amber's data directory; it should be on the
#   disk Amber would use. --no-build: use what target/ holds.
#
# Nothing here asserts: figures are reported as measured, with ratios to the limits and to the issue's targets.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work=/var/tmp/amber-bench
quick=0; build=1; jmh=1; restart=1; limits=1; ceph=0; jmh_only=()
peer_url=""; peer_ak=""; peer_sk=""; peer_pid=""; peer_name="peer"
fill_versions=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --skip-jmh) jmh=0 ;;
    --jmh-only) jmh=1; jmh_only=("$2"); shift ;;
    --skip-restart) restart=0 ;;
    --skip-limits) limits=0 ;;
    --ceph) ceph=1 ;;
    --work) work="$2"; shift ;;
    --fill-versions) fill_versions="$2"; shift ;;
    --peer) peer_url="$2"; shift ;;
    --peer-access-key) peer_ak="$2"; shift ;;
    --peer-secret-key) peer_sk="$2"; shift ;;
    --peer-pid) peer_pid="$2"; shift ;;
    --peer-name) peer_name="$2"; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then
  seconds=3; fio_runtime=2; reps=1; large_mib=64; list_keys=2000; versions=2000; fill_versions=20000
  jmh_opts=(-f 1 -wi 1 -w 1 -i 1 -r 1)
else
  seconds=20; fio_runtime=8; reps=3; large_mib=256; list_keys=10000; versions=10000
  jmh_opts=(-f 1 -wi 3 -w 2 -i 5 -r 2)
fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$repo/benchmarks/results"
report="$results/$stamp-$(hostname -s).md"
raw="$work/raw-$stamp"
# A --quick report is a smoke test, not figures to keep: it stays with the raw output.
[ "$quick" = 1 ] && report="$raw/quick-report.md"
mkdir -p "$work" "$raw" "$results"
log() { echo "[run.sh $(date -u +%H:%M:%S)] $*" >&2; }

need() { # need BINARY PACKAGE
  command -v "$1" >/dev/null && return
  log "installing $2"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $2 >/dev/null
}
need fio fio; need iperf3 iperf3; need jq jq; need curl curl

if [ "$build" = 1 ]; then
  log "building (mvn package)"
  (cd "$repo" && mvn -B -q -DskipTests package)
fi
bench_cp="$repo/benchmarks/target/amber-benchmarks.jar:$repo/benchmarks/target/lib/*"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ---------------------------------------------------------------- the box's limits
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
fio_run() { # fio_run NAME ARGS... → prints the job's figure (IOPS for sync jobs, MB/s otherwise) per rep
  local name=$1; shift
  for r in $(seq 1 "$reps"); do
    rm -rf "$work/fio"; mkdir -p "$work/fio"
    fio --name="$name" --directory="$work/fio" --runtime="$fio_runtime" --time_based --group_reporting \
        --output-format=json "$@" > "$raw/fio-$name-$r.json"
  done
  rm -rf "$work/fio"
}
fio_iops() { for f in "$raw"/fio-"$1"-*.json; do jq '.jobs[0].write.iops' "$f"; done | median; }
fio_mbs() { for f in "$raw"/fio-"$1"-*.json; do jq ".jobs[0].$2.bw_bytes / 1e6" "$f"; done | median; }

if [ "$limits" = 1 ]; then
  log "fio: 4 KiB write + fdatasync, 1 job"
  fio_run sync1 --rw=write --bs=4k --size=256m --fdatasync=1 --ioengine=psync --numjobs=1
  log "fio: 4 KiB write + fdatasync, 32 jobs"
  fio_run sync32 --rw=write --bs=4k --size=32m --fdatasync=1 --ioengine=psync --numjobs=32
  log "fio: O_DIRECT 1 MiB sequential write / read (libaio, queue depth 16)"
  fio_run seqw --rw=write --bs=1m --size=4g --direct=1 --ioengine=libaio --iodepth=16 --numjobs=1
  mkdir -p "$work/fio"
  fio --name=prep --directory="$work" --filename=seqr.dat --rw=write --bs=1m --size=4g --direct=1 --ioengine=libaio \
      --iodepth=16 --output-format=json >/dev/null
  for r in $(seq 1 "$reps"); do
    fio --name=seqr --directory="$work" --filename=seqr.dat --rw=read --bs=1m --size=4g --direct=1 --ioengine=libaio \
        --iodepth=16 --runtime="$fio_runtime" --time_based --output-format=json > "$raw/fio-seqr-$r.json"
  done
  rm -f "$work/seqr.dat"
  log "iperf3: loopback TCP, 1 and 4 streams"
  iperf3 -s -B 127.0.0.1 -p 15201 -D --pidfile "$work/iperf3.pid"
  sleep 0.5
  for r in $(seq 1 "$reps"); do
    iperf3 -c 127.0.0.1 -p 15201 -t "$fio_runtime" -J > "$raw/iperf1-$r.json"
    iperf3 -c 127.0.0.1 -p 15201 -t "$fio_runtime" -P 4 -J > "$raw/iperf4-$r.json"
  done
  kill "$(cat "$work/iperf3.pid")" 2>/dev/null || true
  sync1=$(fio_iops sync1); sync32=$(fio_iops sync32)
  seqw=$(fio_mbs seqw write); seqr=$(fio_mbs seqr read)
  lo1=$(for f in "$raw"/iperf1-*.json; do jq '.end.sum_received.bits_per_second / 8e6' "$f"; done | median)
  lo4=$(for f in "$raw"/iperf4-*.json; do jq '.end.sum_received.bits_per_second / 8e6' "$f"; done | median)
else
  sync1=nan; sync32=nan; seqw=nan; seqr=nan; lo1=nan; lo4=nan
fi

# ---------------------------------------------------------------- JMH
if [ "$jmh" = 1 ]; then
  log "JMH micro-benchmarks"
  mkdir -p "$work/jmh-tmp"
  # JournalAppendBench syncs under java.io.tmpdir: put it on the disk being measured.
  "$java" -cp "$bench_cp" org.openjdk.jmh.Main "${jmh_opts[@]}" -jvmArgsPrepend "-Djava.io.tmpdir=$work/jmh-tmp" -rf json -rff "$raw/jmh.json" "${jmh_only[@]}" > "$raw/jmh.txt" 2>&1 \
    || log "JMH failed; see $raw/jmh.txt"
fi

# ---------------------------------------------------------------- Amber
ak=BENCHROOTKEY00000001; sk=bench-root-secret-0000000000000000000000
s3port=19000; adminport=19001
amber_pid=""
# Amber's heap. The load steps get more than the restarts' 1 GiB: every version's state is held on the heap
# (≈560 MiB a million after GC, more while a snapshot is copied), and their PUT steps leave a number of
# versions that grows with the box's speed (1.75-1.77 M in two runs on 2026-12-04); at 1 GiB a fast run
# filled it and Amber refused PUTs (503), as it should. The restarts measure the heap target at 1 GiB.
load_heap=4g; restart_heap=1g; heap=$load_heap
jvm_opts() { echo "${AMBER_JAVA_OPTS:--Xmx$1}"; } # jvm_opts HEAP → the options Amber gets for that heap
start_amber() { # start_amber [FLAGS...] → sets amber_pid and amber_ready_seconds
  # Another server on these ports would answer for the one started here, and be measured in its place.
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$adminport/" || curl -s -m 2 -o /dev/null "http://127.0.0.1:$s3port/"; then
    log "something already listens on 127.0.0.1:$s3port or :$adminport; stop it first"; exit 1
  fi
  local t0; t0=$(date +%s.%N)
  AMBER_ROOT_ACCESS_KEY=$ak AMBER_ROOT_SECRET_KEY=$sk AMBER_JAVA_OPTS="$(jvm_opts "$heap")" \
    setsid "$repo/bin/amberd" --data "${data_dir:-$work/data}" --s3-address "127.0.0.1:$s3port" --admin-address "127.0.0.1:$adminport" "$@" \
    >> "$raw/amberd.log" 2>&1 &
  amber_pid=$!
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$adminport/health/ready" >/dev/null 2>&1; then
      amber_ready_seconds=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN {print a - b}'); return 0
    fi
    kill -0 "$amber_pid" 2>/dev/null || { log "amberd exited; see $raw/amberd.log"; tail -20 "$raw/amberd.log" >&2; exit 1; }
    sleep 0.05
  done
  log "amberd not ready after 60 s"; exit 1
}
stop_amber() { # stop_amber SIGNAL
  kill -"$1" "$amber_pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$amber_pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$amber_pid" 2>/dev/null || true
}
floor_pid=""
trap 'for p in "$amber_pid" "$floor_pid"; do if [ -n "$p" ]; then kill -KILL "$p" 2>/dev/null || true; fi; done' EXIT
bench() { # bench NAME URL AK SK PIDS ARGS...
  local name=$1 url=$2 a=$3 s=$4 pids=$5; shift 5
  "$java" -Xmx2g -cp "$bench_cp" org.amber.bench.load.AmberBench --endpoint "$url" --access-key "$a" --secret-key "$s" \
    ${pids:+--server-pid "$pids"} --out "$raw/$name.tsv" --seconds "$seconds" --repeats "$reps" --large-mib "$large_mib" \
    --list-keys "$list_keys" --versions "$versions" "$@" > "$raw/$name.md"
}

# The stack's floor, just before Amber's own steps so that both see the same box: a do-nothing Jetty server
# that group-commits the PUT bodies with one fdatasync a batch (org.amber.bench.floor.FloorServer), measured by
# the same client. What a durable server on Jetty can do for a small PUT here, before any S3 work.
floor_port=19100
log "amber-bench PUTs against the stack's floor (Jetty + group-committed fdatasync, no S3)"
rm -rf "$work/floor"
"$java" -Xmx1g -cp "$bench_cp" org.amber.bench.floor.FloorServer --port "$floor_port" --dir "$work/floor" > "$raw/floor-server.log" 2>&1 &
floor_pid=$!
for _ in $(seq 1 200); do grep -q listening "$raw/floor-server.log" 2>/dev/null && break; sleep 0.05; done
bench floor "http://127.0.0.1:$floor_port" floor floor "$floor_pid" --workloads put || log "amber-bench against the floor failed; see $raw/floor.md"
kill "$floor_pid" 2>/dev/null || true; wait "$floor_pid" 2>/dev/null || true; floor_pid=""
rm -rf "$work/floor"

rm -rf "$work/data"
start_amber
log "amber-bench against Amber (pid $amber_pid)"
# The large transfers first, on a quiet daemon: after the PUT steps have filled the store, state snapshots
# of 0.6-0.9 M versions fall due and take a core for 5-6 s, which run 230453Z's large transfers overlapped.
# Peers below run the same steps in the same order.
steps=large,put,list,retention,mixed
bench amber "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads "$steps"

if [ "$restart" = 1 ]; then
  # A store of exactly $fill_versions versions (and the few the crash step adds): a fresh data directory, not
  # the one above, whose PUT steps leave a number of versions that depends on how fast the box was.
  stop_amber TERM
  heap=$restart_heap
  data_dir=$work/data-restart; rm -rf "$data_dir"
  start_amber
  log "restart: filling $fill_versions versions on a fresh data directory"
  bench fill "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads fill --fill-versions "$fill_versions"
  stop_amber TERM
  start_amber; clean_ready=$amber_ready_seconds
  jcmd "$amber_pid" GC.run >/dev/null 2>&1 || true
  sleep 1
  clean_heap=$(curl -s "http://127.0.0.1:$adminport/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {print $2/1048576}')
  # A crash under load: SIGKILL while 64 clients are writing, so the next start recovers (torn tail,
  # re-verifying the newest blobs) instead of finding a clean-shutdown marker.
  bench crashload "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads fill --fill-versions 200000 \
    --bucket-prefix crash 2>/dev/null &
  load_pid=$!
  sleep 5
  stop_amber KILL
  wait "$load_pid" || true
  start_amber; crash_ready=$amber_ready_seconds
  jcmd "$amber_pid" GC.run >/dev/null 2>&1 || true
  sleep 1
  crash_heap=$(curl -s "http://127.0.0.1:$adminport/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {print $2/1048576}')
  # The same data without snapshots: what a start costs when no snapshot is usable (the whole journal replayed).
  stop_amber TERM
  start_amber --snapshot-min-records 0; full_ready=$amber_ready_seconds
  replay_lines=$(grep "journal: replayed\|snapshot: loaded\|state snapshot at" "$raw/amberd.log" | tail -10 \
    | sed 's/^[^ ]* \[[^]]*\] [A-Z]* //')
  # The worst case for a store of $fill_versions versions: a crash just before a snapshot falls due. On a fresh
  # data directory: two thirds of the versions, an orderly stop (which writes a snapshot), then the last third
  # with no snapshot taken (half as many records as the snapshot holds versions, when the next would fall
  # due), then SIGKILL.
  stop_amber TERM
  rm -rf "$data_dir"
  data_dir=$work/data-worst; rm -rf "$data_dir"
  start_amber
  snap_versions=$(( fill_versions * 2 / 3 )); worst_tail=$(( fill_versions - snap_versions ))
  log "restart: worst case, a snapshot of $snap_versions versions and $worst_tail records after it"
  bench worst1 "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads fill --fill-versions "$snap_versions" --bucket-prefix worst
  stop_amber TERM
  start_amber --snapshot-min-records 1000000000
  bench worst2 "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads fill --fill-versions "$worst_tail" --bucket-prefix worst2
  stop_amber KILL
  start_amber; worst_ready=$amber_ready_seconds
  jcmd "$amber_pid" GC.run >/dev/null 2>&1 || true
  sleep 1
  worst_heap=$(curl -s "http://127.0.0.1:$adminport/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {print $2/1048576}')
  worst_lines=$(grep "journal: replayed\|snapshot: loaded" "$raw/amberd.log" | tail -2 | sed 's/^[^ ]* \[[^]]*\] [A-Z]* //')
  stop_amber KILL
  rm -rf "$data_dir"; data_dir=
fi
stop_amber TERM

# The large transfers again with the data directory in RAM (tmpfs, when it has room): the figures without
# the disk. Not a ceiling of the software alone: tmpfs reads and writes are CPU copies on the same cores.
# Same client, same daemon flags; only the data directory moves.
ram_dir=/dev/shm/amber-bench-ram
need_mib=$(( (reps * 2 * large_mib) + 512 ))
if [ "$(df -Pm /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -gt "$need_mib" ] 2>/dev/null; then
  data_dir=$ram_dir; rm -rf "$data_dir"
  heap=$load_heap
  start_amber
  log "amber-bench large transfers with the data directory on tmpfs"
  # A fresh daemon, as the main run's large step has.
  bench ram "http://127.0.0.1:$s3port" "$ak" "$sk" "$amber_pid" --workloads large --bucket-prefix ram
  stop_amber TERM
  rm -rf "$data_dir"; data_dir=
else
  log "no room on /dev/shm for the in-RAM transfers ($need_mib MiB); skipped"
fi

# ---------------------------------------------------------------- peers
peers=()
if [ "$ceph" = 1 ]; then
  cephdir="$repo/../shared/peers"
  [ -x "$cephdir/start-ceph.sh" ] || { log "no $cephdir/start-ceph.sh"; exit 1; }
  command -v radosgw >/dev/null || { need ceph-mon "ceph-mon ceph-osd ceph-mgr radosgw ceph-common"; }
  log "starting Ceph RGW (OBJECTSTORE=${OBJECTSTORE:-bluestore})"
  OBJECTSTORE=${OBJECTSTORE:-bluestore} "$cephdir/start-ceph.sh" > "$raw/ceph-start.log" 2>&1
  cpids=$(pgrep -d, -f 'radosgw|ceph-osd|ceph-mon|ceph-mgr' || true)
  log "amber-bench against Ceph RGW (pids $cpids)"
  bench ceph http://127.0.0.1:8000 0555b35654ad1656d804 'h7GhxuBLTrlhVUyxSPUKUV8r/2EI4ngqJxD7iBdBYLhwluN30JaT3Q==' "$cpids" --workloads "$steps" \
    || log "amber-bench against Ceph failed; see $raw/ceph.md"
  "$cephdir/stop-ceph.sh" --purge > /dev/null 2>&1 || true
  peers+=("ceph:Ceph RGW (${OBJECTSTORE:-bluestore})")
fi
if [ -n "$peer_url" ]; then
  log "amber-bench against $peer_name ($peer_url)"
  bench peer "$peer_url" "$peer_ak" "$peer_sk" "$peer_pid" --workloads "$steps"
  peers+=("peer:$peer_name")
fi

# ---------------------------------------------------------------- report
v() { awk -v k="$2" '$1 == k {print $2}' "$raw/$1.tsv" 2>/dev/null; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == "nan" || a == "nan" || b == 0) print "n/a"; else printf "%.0f%%", 100 * a / b }'; }
num() { awk -v a="$1" 'BEGIN { if (a == "" || a == "nan") print "n/a"; else printf "%\047.0f", a }'; }
dec() { awk -v a="$1" 'BEGIN { if (a == "" || a == "nan") print "n/a"; else printf "%.2f", a }'; }
check() { # check VALUE OP TARGET → met / not met
  awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "nan") print "n/a"; else if ((op == ">=" && a+0 >= b+0) || (op == "<=" && a+0 <= b+0)) print "met"; else print "**not met**" }'
}
per() { awk -v c="$1" -v o="$2" 'BEGIN { if (c == "" || o == "" || o == 0) print "n/a"; else printf "%.0f µs", 1e6 * c / o }'; } # per CORES OPS → CPU per op
minof() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan") print b; else if (b == "nan") print a; else print (a < b ? a : b) }'; }
lo=$(awk -v a="$lo1" -v b="$lo4" 'BEGIN { if (a == "nan") print "nan"; else print (a > b ? a : b) }')
put64=$(v amber put4k_c64.ops_per_s); p50c1=$(v amber put4k_c1.p50_ms)
putl=$(v amber put_large.mb_per_s); getl=$(v amber get_large.mb_per_s)
bw_limit=$(minof "$seqw" "$lo")
# One core's MD5 rate (JMH DigestBench, ns per MiB → MB/s): a single PUT's ETag is the MD5 of its body.
md5=nan
if [ -f "$raw/jmh.json" ]; then
  md5=$(jq -r '[.[] | select(.benchmark | endswith("DigestBench.hashOneMiB")) | select(.params.algorithm == "MD5") | .primaryMetric.score][0] // empty' "$raw/jmh.json" \
    | awk '{ if ($1 > 0) printf "%.0f", 1048576 * 1000 / $1; else print "nan" }')
  [ -n "$md5" ] || md5=nan
fi
{
  echo "# Amber benchmark — $stamp on $(hostname -s)"
  echo
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), $("$java" -version 2>&1 | head -1)."
  echo "Work directory \`$work\` on $(df -P "$work" | awk 'NR==2 {print $1}') ($(findmnt -no FSTYPE,OPTIONS --target "$work" 2>/dev/null | cut -c1-60))."
  echo "Client and server share the box. Amber's JVM options: $(jvm_opts "$load_heap") for the load steps, $(jvm_opts "$restart_heap") for the restarts. Mode: $([ "$quick" = 1 ] && echo 'quick (short runs; figures are only a smoke test)' || echo "full ($seconds s a load step; $reps runs of each PUT step, taken in rounds over the concurrencies, and of each transfer; the median run is reported)")."
  echo
  echo "## The box's limits (fio and iperf3, this run; medians of $reps)"
  echo
  echo "| limit | figure |"
  echo "|---|---|"
  echo "| 4 KiB write + fdatasync, 1 job | $(num "$sync1") IOPS |"
  echo "| 4 KiB write + fdatasync, 32 jobs | $(num "$sync32") IOPS |"
  echo "| O_DIRECT 1 MiB sequential write, qd16 | $(num "$seqw") MB/s |"
  echo "| O_DIRECT 1 MiB sequential read, qd16 | $(num "$seqr") MB/s |"
  echo "| loopback TCP, 1 stream / 4 streams | $(num "$lo1") / $(num "$lo4") MB/s |"
  echo "| MD5 on one core (JMH DigestBench, 1 MiB buffers) | $(num "$md5") MB/s |"
  echo
  echo "## amber-bench against Amber"
  echo
  cat "$raw/amber.md"
  if [ -f "$raw/ram.md" ]; then
    echo
    echo "### The large transfers with the data directory on tmpfs (RAM)"
    echo
    cat "$raw/ram.md"
  fi
  if [ -f "$raw/floor.tsv" ]; then
    echo
    echo "### The same PUTs against the stack's floor"
    echo
    echo "A do-nothing Jetty server, built as Amber's S3 server is (the same thread pool, connector and HTTP settings), that appends each PUT's body to a file and replies after"
    echo "one fdatasync per batch: no SigV4, checksums, lock rules, index or journal record. Measured just before Amber's"
    echo "steps (its large transfers, about two minutes, come before its PUT steps), by the same client. CPU per PUT = server"
    echo "cores / ops per second."
    echo
    echo "| concurrency | Amber ops/s | floor ops/s | Amber / floor | Amber server CPU per PUT | floor server CPU per PUT | client CPU per PUT (Amber / floor) |"
    echo "|---|---|---|---|---|---|---|"
    for c in 1 16 64; do
      a=$(v amber put4k_c$c.ops_per_s); f=$(v floor put4k_c$c.ops_per_s)
      echo "| $c | $(num "$a") | $(num "$f") | $(ratio "$a" "$f") | $(per "$(v amber put4k_c$c.server_cores)" "$a") | $(per "$(v floor put4k_c$c.server_cores)" "$f") | $(per "$(v amber put4k_c$c.client_cores)" "$a") / $(per "$(v floor put4k_c$c.client_cores)" "$f") |"
    done
  fi
  echo
  echo "## Against the targets"
  echo
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| 4 KiB PUT c=64 ≥ 15,000 ops/s | $(num "$put64") ops/s | $(check "$put64" '>=' 15000) |"
  echo "| (the stack's floor at c=64, the same client: Jetty + group-committed fdatasync, no S3) | $(num "$(v floor put4k_c64.ops_per_s)") ops/s; Amber = $(ratio "$put64" "$(v floor put4k_c64.ops_per_s)") of it | |"
  echo "| 4 KiB PUT c=64 ≥ 35% of fio 32-job fdatasync IOPS | $(ratio "$put64" "$sync32") | $(check "$(awk -v a="$put64" -v b="$sync32" 'BEGIN{print (b>0 ? a/b : "n/a")}')" '>=' 0.35) |"
  echo "| 4 KiB PUT c=1 p50 ≤ 1.5 ms | $(dec "$p50c1") ms | $(check "$p50c1" '<=' 1.5) |"
  echo "| $large_mib MiB PUT ≥ 50% of min(fio seq write, loopback) = $(num "$bw_limit") MB/s | $(num "$putl") MB/s = $(ratio "$putl" "$bw_limit") | $(check "$(awk -v a="$putl" -v b="$bw_limit" 'BEGIN{print (b>0 ? a/b : "n/a")}')" '>=' 0.5) |"
  echo "| (the same PUT against one core's MD5 rate, $(num "$md5") MB/s: the ETag is the body's MD5) | $(ratio "$putl" "$md5") | |"
  echo "| $large_mib MiB GET ≥ 60% of loopback ($(num "$lo") MB/s) | $(num "$getl") MB/s = $(ratio "$getl" "$lo") | $(check "$(awk -v a="$getl" -v b="$lo" 'BEGIN{print (b>0 ? a/b : "n/a")}')" '>=' 0.6) |"
  echo "| (the disk's own O_DIRECT 1 MiB read, fio qd16, against the same loopback) | $(num "$seqr") MB/s = $(ratio "$seqr" "$lo") | |"
  if [ -f "$raw/ram.tsv" ]; then
    echo "| (the same PUT and GET with the data directory on tmpfs: no disk, but its I/O is CPU copies) | PUT $(num "$(v ram put_large.mb_per_s)") MB/s = $(ratio "$(v ram put_large.mb_per_s)" "$bw_limit"), GET $(num "$(v ram get_large.mb_per_s)") MB/s = $(ratio "$(v ram get_large.mb_per_s)" "$lo") | |"
  fi
  if [ "$restart" = 1 ]; then
    echo "| restart with $fill_versions versions ready ≤ 10 s (clean stop) | $(dec "$clean_ready") s, heap after GC $(num "$clean_heap") MiB ($(jvm_opts "$restart_heap")) | $(check "$clean_ready" '<=' 10) |"
    echo "| restart with $fill_versions versions ready ≤ 10 s (after SIGKILL) | $(dec "$crash_ready") s, heap after GC $(num "$crash_heap") MiB ($(jvm_opts "$restart_heap")) | $(check "$crash_ready" '<=' 10) |"
    echo "| (the same data with snapshots off: the whole journal replayed) | $(dec "$full_ready") s | |"
    echo "| restart with $fill_versions versions, worst case: a snapshot of $(num "$snap_versions"), then $(num "$worst_tail") records (the next snapshot due), SIGKILL; ready ≤ 10 s | $(dec "$worst_ready") s, heap after GC $(num "$worst_heap") MiB ($(jvm_opts "$restart_heap")) | $(check "$worst_ready" '<=' 10) |"
    echo
    echo "Filled at $(num "$(v fill fill.ops_per_s)") PUTs/s (100 B, c=64). Ready = from launching \`bin/amberd\` (JVM start included) to \`/health/ready\` answering 200. The clean stop writes a state snapshot; both timed starts load it and replay the journal after it. Daemon log of the snapshots and starts:"
    echo
    echo "$replay_lines" | sed 's/^/    /'
    echo
    echo "The worst-case start:"
    echo
    echo "$worst_lines" | sed 's/^/    /'
  fi
  for p in "${peers[@]}"; do
    key=${p%%:*}; label=${p#*:}
    echo
    echo "## amber-bench against $label, same client"
    echo
    cat "$raw/$key.md" 2>/dev/null || echo "(no figures: it failed)"
    echo
    echo "| figure | Amber | $label | Amber / $label |"
    echo "|---|---|---|---|"
    for m in put4k_c1.ops_per_s put4k_c16.ops_per_s put4k_c64.ops_per_s put4k_c1.p50_ms put_large.mb_per_s get_large.mb_per_s \
             put_multipart.mb_per_s get_multipart.mb_per_s list.keys_per_s retention.ops_per_s mixed.ops_per_s; do
      a=$(v amber "$m"); b=$(v "$key" "$m")
      echo "| $m | $(dec "$a") | $(dec "$b") | $(awk -v a="$a" -v b="$b" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f×", a / b }') |"
    done
  done
  if [ "$jmh" = 1 ] && [ -f "$raw/jmh.json" ]; then
    echo
    echo "## JMH micro-benchmarks (1 fork; ± is JMH's 99.9% error, n/a from a single iteration)"
    echo
    echo "| benchmark | params | score | error | unit |"
    echo "|---|---|---|---|---|"
    jq -r '.[] | "| \(.benchmark | sub("org.amber.bench.micro."; "")) | \((.params // {}) | to_entries | map("\(.key)=\(.value)") | join(" ")) | \(.primaryMetric.score * 100 | round / 100) | \(.primaryMetric.scoreError | if type == "number" then . * 100 | round / 100 else "n/a" end) | \(.primaryMetric.scoreUnit) |"' "$raw/jmh.json"
  fi
  echo
  echo "Raw output: \`$raw\`."
} > "$report"
log "report: $report"
cat "$report"
