// Sends a burst of webhook deliveries from its own process (so the load does not share the
// server's event loop) and prints one JSON line: latencies (ms, sorted), answers, elapsed.
const [url, first, count, concurrency, events] = process.argv.slice(2);
const body = JSON.stringify({
  auditContext: { meta: { type: 'audit', href: 'https://api.moysklad.ru/api/remap/1.2/audit/x' }, uid: 'admin@shop', moment: '2026-11-25 18:00:00' },
  events: Array.from({ length: Number(events) }, (_, i) => ({
    meta: { type: 'product', href: `https://api.moysklad.ru/api/remap/1.2/entity/product/${i}` },
    action: 'UPDATE',
    updatedFields: ['salePrices'],
  })),
});
const latencies = [];
const answers = {};
let next = Number(first);
const end = Number(first) + Number(count);
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < end) {
      const id = `bench-${next++}`;
      const t0 = performance.now();
      const response = await fetch(`${url}?requestId=${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const { status } = await response.json();
      latencies.push(performance.now() - t0);
      answers[status] = (answers[status] ?? 0) + 1;
    }
  }),
);
latencies.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ latencies, answers, elapsed: performance.now() - started }) + '\n');
