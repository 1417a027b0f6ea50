// Smoke test of bridge.mjs against loopback only: `node test/smoke.mjs` in bridge/whatsapp (after npm ci).
// A local server answers HTTP 403 to the WebSocket upgrade (or, with `node test/smoke.mjs reset`, accepts the TCP
// connection and destroys it at once), so Baileys's socket closes at once.
// Checks: ready; open with auth:null → full creds.update, then connection.update close with a status code;
// a call to an unknown method → error reply; close; stdin end → exit 0. Prints every protocol line seen.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'

const reset = process.argv[2] === 'reset'
const server = reset ? createTcpServer(socket => socket.destroy()) : createServer((req, res) => res.writeHead(404).end())
if (!reset) server.on('upgrade', (req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'))
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
const url = `ws://127.0.0.1:${server.address().port}/ws/chat`

const bridge = spawn(process.execPath, [fileURLToPath(new URL('../bridge.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PARLEY_BRIDGE_LOG_LEVEL: 'warn' }
})
let stderr = ''
bridge.stderr.on('data', d => (stderr += d))
const exited = new Promise(resolve => bridge.on('exit', code => resolve(code)))
const lines = []
const waiters = []
createInterface({ input: bridge.stdout }).on('line', line => {
    console.log(`< ${line.length > 300 && !process.env.SMOKE_FULL ? line.slice(0, 300) + '…' : line}`)
    const obj = JSON.parse(line) // every stdout line must be JSON
    lines.push(obj)
    for (const w of [...waiters]) if (w.test(obj)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(obj) }
})
const next = (test, what) => {
    const seen = lines.find(test)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstderr:\n${stderr}`)), 15000)
        waiters.push({ test, resolve: v => { clearTimeout(timer); resolve(v) } })
    })
}
const sendLine = obj => {
    const line = JSON.stringify(obj)
    console.log(`> ${line}`)
    bridge.stdin.write(line + '\n')
}

const ready = await next(o => o.event === 'ready', 'ready')
assert.match(ready.version, /^7\./)

bridge.stdin.write('this is not json\n') // must be logged and skipped
sendLine({ op: 'open', account: 'smoke', auth: null, phone: null, options: { waWebSocketUrl: url } })
const creds = await next(o => o.account === 'smoke' && o.event === 'creds.update', 'creds.update')
for (const field of ['noiseKey', 'signedIdentityKey', 'signedPreKey', 'registrationId', 'advSecretKey', 'pairingEphemeralKeyPair']) {
    assert.ok(creds.data[field] !== undefined, `creds.update lacks ${field}`)
}
assert.equal(creds.data.noiseKey.private.type, 'Buffer')
const closed = await next(o => o.account === 'smoke' && o.event === 'connection.update' && o.data.connection === 'close', 'close')
assert.equal(closed.data.lastDisconnect.error.output.statusCode, reset ? 408 : 403)
assert.equal(typeof closed.data.lastDisconnect.error.message, 'string')

sendLine({ op: 'call', account: 'smoke', id: 'r1', method: 'noSuchMethod', args: [] })
const reply = await next(o => o.id === 'r1', 'call reply')
assert.equal(reply.error.status, null)
sendLine({ op: 'call', account: 'nobody', id: 'r2', method: 'sendMessage', args: [] })
assert.equal((await next(o => o.id === 'r2', 'call reply')).error.status, null)

sendLine({ op: 'close', account: 'smoke' })
bridge.stdin.end()
const code = await exited
console.log(`exit code ${code}`)
server.close()
assert.equal(code, 0)
assert.match(stderr, /malformed line ignored/)
console.log('1 passed, 0 failed')
