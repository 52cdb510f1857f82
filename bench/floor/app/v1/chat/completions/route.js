// The floor: the least a Next.js route can do to proxy a chat completion. Reads the body,
// forwards it with the global fetch to the upstream the bench names, returns the upstream's body.
const upstream = `${process.env.FLOOR_UPSTREAM_URL}/chat/completions`;

export async function POST(request) {
  const up = await fetch(upstream, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.FLOOR_UPSTREAM_KEY}` },
    body: await request.text(),
  });
  return new Response(up.body, { status: up.status, headers: { "content-type": up.headers.get("content-type") ?? "application/json" } });
}
