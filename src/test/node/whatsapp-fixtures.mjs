// Generates src/test/resources/whatsapp/baileys7/*.json: lines exactly as bridge/whatsapp/bridge.mjs writes them
// on stdout for what Baileys 7.0.0-rc14 emits. Run from the repository root, after installing the bridge:
//
//     (cd bridge/whatsapp && npm ci --omit=dev) && node src/test/node/whatsapp-fixtures.mjs
//
// Nothing here is hand-written JSON. The payloads come out of Baileys's own code: a real makeWASocket, wired to a
// copy of the bridge's key store and line writer (checked against bridge.mjs's source below), is connected to a
// silent WebSocket server on 127.0.0.1. Stanzas that WhatsApp's server would send are built here as Baileys's
// BinaryNodes, put through encodeBinaryNode/decodeBinaryNode (the wire codec) and handed to the socket the way its
// frame dispatcher (Socket/socket.js onMessageReceived) does. The socket's iq queries (pre-key count, group
// metadata, …) are read off the loopback server and answered the same way. So every event is emitted by Baileys's
// handlers themselves: messages-recv.js (decodeMessageNode, decrypt, handleGroupNotification, handleReceipt),
// process-message.js, chats.js, socket.js (QR, pair-success, success, stream errors), groups.js.
// Alice's first group message (pkmsg + skmsg) and her private text (pkmsg) are really Signal-encrypted by a second
// libsignal repository, so keys.set carries real sessions, identity keys and sender keys; the other messages arrive
// as <plaintext> nodes, which take the same path after decryption. The stanzas themselves are written here after
// what Baileys's handlers read, not captured from WhatsApp. Three payloads do not come from a handled stanza:
// result-sendMessage (generateWAMessage, which is what sendMessage returns, without relaying it), contacts-upsert
// (processContactAction + emitSyncActionResults, the app-state path, without an app-state patch) and keys-set.json
// (one keys.set line assembling values that Baileys really stored during the run). Keys, ids and dates are random
// per run: regenerating changes them, not the shapes.
//
// How bytes, longs and enums come out (JSON.stringify(x, BufferJSON.replacer), as the bridge writes):
//  - Baileys's WAMessage in messages.upsert (notify, from decodeMessageNode) is a PLAIN object: its key keeps the
//    Baileys-only fields (remoteJidAlt, participantAlt, addressingMode), messageTimestamp is a number, status a
//    number. Only its `message` is a proto.Message instance, whose toJSON is toObject(longs: String, enums: String,
//    bytes: String): bytes become base64 STRINGS (not {"type":"Buffer"}), uint64 become decimal strings
//    ("fileLength":"245760"), enums their names ("type":"REVOKE"); unset fields are absent.
//  - Group notifications' stub messages (type append) and sendMessage's result are WHOLE proto.WebMessageInfo
//    instances: messageTimestamp a string, status/messageStubType enum names, and key only remoteJid, fromMe, id,
//    participant (proto.MessageKey drops participantAlt & co.). Same for messages inside messaging-history.set.
//  - Plain Buffers/Uint8Arrays outside protos (creds, keys, Boom data) are {"type":"Buffer","data":"<base64>"}.
//  - A Long that sits in a plain object (e.g. messages.reaction's reaction.senderTimestampMs, copied out of the
//    proto by a spread) has no toJSON: it serialises as {"low":…,"high":…,"unsigned":…}.
//  - Errors: the bridge adds `message` (and `name` when it is not "Error") to what JSON.stringify keeps of a Boom:
//    data, isBoom, isServer, output {statusCode, payload, headers}.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { deflateSync } from 'node:zlib'

const BRIDGE = new URL('../../../bridge/whatsapp/', import.meta.url)
const OUT = new URL('../resources/whatsapp/baileys7/', import.meta.url)
const req = createRequire(new URL('package.json', BRIDGE))
const lib = p => import(pathToFileURL(req.resolve('baileys')).href.replace(/lib\/index\.js$/, `lib/${p}`))
const B = await import(pathToFileURL(req.resolve('baileys')).href)
const { processContactAction, emitSyncActionResults } = await lib('Utils/sync-action-utils.js')
const { makeLibSignalRepository } = await lib('Signal/libsignal.js')
const pino = req('pino')
const { WebSocketServer } = req('ws')
const { BufferJSON, makeWASocket, proto, Curve, hmacSign, encodeWAMessage, encodeBinaryNode, decodeBinaryNode,
    addTransactionCapability, initAuthCreds, generateWAMessage, generateMessageIDV2, WA_ADV_ACCOUNT_SIG_PREFIX } = B
const baileysVersion = JSON.parse(readFileSync(new URL('node_modules/baileys/package.json', BRIDGE), 'utf8')).version
const logger = pino({ level: process.env.FIXTURES_LOG_LEVEL || 'silent' }, pino.destination(2))

// ---- the bridge's serialisation and key store, verbatim (asserted against bridge.mjs) ----------------------------
function replacer(key, value) {
    if (value instanceof Error) {
        return { ...value, message: value.message, ...(value.name !== 'Error' ? { name: value.name } : {}) }
    }
    return BufferJSON.replacer(key, value)
}

function makeKeyStore(account, gen, seed) {
    const mem = {}
    for (const [type, values] of Object.entries(seed || {})) {
        mem[type] = { ...values }
    }
    return {
        get: async (type, ids) => {
            const data = {}
            for (const id of ids) {
                let value = mem[type]?.[id]
                if (type === 'app-state-sync-key' && value) {
                    value = proto.Message.AppStateSyncKeyData.fromObject(value)
                }
                data[id] = value
            }
            return data
        },
        set: async data => {
            const emitted = {}
            for (const [type, values] of Object.entries(data)) {
                mem[type] = mem[type] || {}
                emitted[type] = {}
                for (const [id, value] of Object.entries(values || {})) {
                    if (value) mem[type][id] = value
                    else delete mem[type][id]
                    emitted[type][id] = value || null
                }
            }
            if (isCurrent(account, gen)) send({ account, event: 'keys.set', data: emitted })
        }
    }
}
const bridgeSource = readFileSync(new URL('bridge.mjs', BRIDGE), 'utf8')
for (const fn of [replacer, makeKeyStore]) {
    assert.ok(bridgeSource.includes(fn.toString()), `${fn.name} differs from bridge.mjs: copy it again`)
}
assert.ok(bridgeSource.includes('sock.ev.process(async events => {'), 'bridge.mjs no longer forwards with ev.process')

const ACCOUNT = 'ACCOUNT'
let transcript = [] // every line "written", in order
const sessions = new Map()
let generations = 0
const isCurrent = (account, gen) => sessions.get(account)?.gen === gen
function send(obj) {
    transcript.push(JSON.stringify(obj, replacer))
}
/** The reply line the bridge writes for a call (bridge.mjs call()). */
async function callLine(promise) {
    try {
        const result = await promise
        return JSON.stringify({ account: ACCOUNT, id: 'REQ', result: result === undefined ? null : result }, replacer)
    } catch (err) {
        return JSON.stringify({ account: ACCOUNT, id: 'REQ', error: { message: String(err?.message ?? err), status: err?.output?.statusCode ?? null } }, replacer)
    }
}

// ---- people and ids -----------------------------------------------------------------------------------------------
const ME = { pn: '8613800138000', lid: '123456789012345', device: 12, name: 'Parley Ops' }
const ALICE = { pn: '8613900139000', lid: '205171629613178', name: 'Alice Wang' }
const BOB = { pn: '8613700137000', lid: '189536213127330', name: 'Bob Li' }
const CAROL = { pn: '8615000150000', lid: '147258369014725', name: 'Carol' } // the group's admin
const DAVE = { pn: '8613600136000', lid: '263718293047561', name: 'Dave' }
const pnJid = p => `${p.pn}@s.whatsapp.net`
const lidJid = p => `${p.lid}@lid`
const GROUP = '120363041234567890@g.us'
const T0 = Math.floor(Date.now() / 1000) - 3600
let clock = T0
const t = () => String(++clock)
let idSeq = 0
const waId = prefix => `${prefix}${(0xC767D26A1D29F2B0n + BigInt(++idSeq) * 7919n).toString(16).toUpperCase()}`.slice(0, 20)
const bytes = n => randomBytes(n)

// ---- a silent WhatsApp server on loopback: reads what the socket sends, answers its iqs in-process ---------------
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
await new Promise(resolve => wss.on('listening', resolve))
const WS_URL = `ws://127.0.0.1:${wss.address().port}/ws/chat`
let current = null // { sock, answer }
wss.on('connection', conn => {
    let buf = Buffer.alloc(0)
    let first = true
    let frames = 0
    conn.on('message', async data => {
        buf = Buffer.concat([buf, data])
        if (first) {
            buf = buf.subarray(4) // NOISE_WA_HEADER
            first = false
        }
        while (buf.length >= 3) {
            const len = (buf[0] << 16) | (buf[1] << 8) | buf[2]
            if (buf.length < 3 + len) break
            const frame = buf.subarray(3, 3 + len)
            buf = buf.subarray(3 + len)
            if (frames++ === 0) continue // the noise client hello; the handshake never completes
            const node = await decodeBinaryNode(frame)
            if (node.tag === 'iq' && (node.attrs.type === 'get' || node.attrs.type === 'set') && current) {
                const reply = current.answer(node) || { tag: 'iq', attrs: { id: node.attrs.id, type: 'result', from: node.attrs.to || 's.whatsapp.net' } }
                setImmediate(() => void inject(current.sock, reply))
            }
        }
    })
})

/** Hands a stanza to the socket as onMessageReceived does after noise decryption (without 'frame', which would be
 * taken for the server's handshake reply). */
async function inject(sock, node) {
    const frame = await decodeBinaryNode(encodeBinaryNode(node))
    const ws = sock.ws
    ws.emit(`TAG:${frame.attrs.id}`, frame)
    const l0 = frame.tag
    const l1 = frame.attrs || {}
    const l2 = Array.isArray(frame.content) ? frame.content[0]?.tag : ''
    for (const key of Object.keys(l1)) {
        ws.emit(`CB:${l0},${key}:${l1[key]},${l2}`, frame)
        ws.emit(`CB:${l0},${key}:${l1[key]}`, frame)
        ws.emit(`CB:${l0},${key}`, frame)
    }
    ws.emit(`CB:${l0},,${l2}`, frame)
    ws.emit(`CB:${l0}`, frame)
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
async function start(creds, keysSeed, config = {}, answer = () => null) {
    const gen = ++generations
    sessions.set(ACCOUNT, { gen, sock: null })
    const keys = makeKeyStore(ACCOUNT, gen, keysSeed)
    const sock = makeWASocket({
        waWebSocketUrl: WS_URL, connectTimeoutMs: 600_000, defaultQueryTimeoutMs: 3000,
        ...config, auth: { creds, keys }, logger
    })
    sessions.get(ACCOUNT).sock = sock
    sock.ev.process(async events => {
        for (const [event, data] of Object.entries(events)) {
            if (isCurrent(ACCOUNT, gen)) send({ account: ACCOUNT, event, data })
        }
    })
    current = { sock, answer }
    await new Promise(resolve => sock.ws.on('open', resolve))
    await sleep(100)
    return { sock, keys }
}
/** Runs a step and returns the lines written meanwhile (waits for Baileys's 100 ms buffer flushes). */
async function step(fn, wait = 400) {
    const from = transcript.length
    await fn()
    await sleep(wait)
    return transcript.slice(from)
}

// ---- writing fixtures ---------------------------------------------------------------------------------------------
const written = []
mkdirSync(OUT, { recursive: true })
for (const f of readdirSync(OUT)) if (f.endsWith('.json')) unlinkSync(new URL(f, OUT))
function pick(lines, test, what) {
    const found = lines.filter(l => test(JSON.parse(l)))
    assert.ok(found.length, `no line for ${what} in:\n${lines.join('\n')}`)
    return found[0]
}
const ev = (name, test = () => true) => o => o.event === name && test(o.data)
function save(name, line, what) {
    assert.equal(JSON.stringify(JSON.parse(line)), line)
    writeFileSync(new URL(name, OUT), line + '\n')
    written.push([name, what])
}

// ================================= 1. a fresh account: QR, pairing code, pairing =================================
const ref = () => `2@${bytes(66).toString('base64')}`
{
    const creds = initAuthCreds()
    const { sock } = await start(creds, {}, { qrTimeout: 300 })
    const qrLines = await step(() => inject(sock, {
        tag: 'iq', attrs: { from: 's.whatsapp.net', type: 'set', id: waId('') , xmlns: 'md' },
        content: [{ tag: 'pair-device', attrs: {}, content: [1, 2].map(() => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref()) })) }]
    }), 1000)
    const qrs = qrLines.map(l => JSON.parse(l)).filter(o => o.event === 'connection.update' && o.data.qr)
    assert.equal(qrs.length, 2)
    save('qr.json', qrLines.find(l => JSON.parse(l).data?.qr), 'connection.update with the first QR (socket.js `CB:iq,type:set,pair-device` → buildPairingQRData: `https://wa.me/settings/linked_devices#ref,noiseKey,identityKey,advSecret,platformId`)')
    save('qr2.json', qrLines.filter(l => JSON.parse(l).data?.qr)[1], 'the next QR, 300 ms later here (qrTimeout; Baileys default: 60 s for the first, 20 s for the next ones)')
    save('close-408.json', pick(qrLines, ev('connection.update', d => d.connection === 'close'), 'close 408'),
        'connection.update close when the QR refs ran out: Boom "QR refs attempts ended", statusCode 408 (DisconnectReason.timedOut), no data (socket.js genPairQR)')
}
{
    const creds = initAuthCreds()
    const { sock } = await start(creds, {})
    const lines = await step(async () => save('result-requestPairingCode.json', await callLine(sock.requestPairingCode(ME.pn)),
        'reply to `call requestPairingCode ["8613800138000"]`: the 8-character code (Crockford base32) as result (socket.js requestPairingCode)'))
    save('creds-pairing-code.json', pick(lines, ev('creds.update'), 'creds.update'),
        'creds.update that requestPairingCode emits: the WHOLE creds, with pairingCode and me {id: phone@s.whatsapp.net, name "~"}')
    await sock.end(undefined)
}
let pairedCreds
{
    const creds = initAuthCreds()
    const { sock } = await start(creds, {})
    // what the phone's pair-success carries: an ADV device identity signed with the account's key
    const accountKey = Curve.generateKeyPair()
    const deviceDetails = proto.ADVDeviceIdentity.encode({ rawId: 1733560125, timestamp: clock, keyIndex: 3, accountType: 0, deviceType: 0 }).finish()
    const accountSignature = Curve.sign(accountKey.private, Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, deviceDetails, creds.signedIdentityKey.public]))
    const details = proto.ADVSignedDeviceIdentity.encode({ details: deviceDetails, accountSignatureKey: accountKey.public, accountSignature }).finish()
    const hmac = hmacSign(details, Buffer.from(creds.advSecretKey, 'base64'))
    const lines = await step(() => inject(sock, {
        tag: 'iq', attrs: { from: 's.whatsapp.net', type: 'result', id: waId(''), t: t() },
        content: [{ tag: 'pair-success', attrs: {}, content: [
            { tag: 'device-identity', attrs: { 'key-index': '3' }, content: proto.ADVSignedDeviceIdentityHMAC.encode({ details, hmac }).finish() },
            { tag: 'platform', attrs: { name: 'android' } },
            { tag: 'device', attrs: { jid: `${ME.pn}:${ME.device}@s.whatsapp.net`, lid: `${ME.lid}:${ME.device}@lid` } }
        ] }]
    }))
    save('creds-after-pairing.json', pick(lines, ev('creds.update', d => d.account), 'creds.update'),
        'creds.update on pair-success (validate-connection.js configureSuccessfulPairing): me {id, lid} (no name: Baileys takes it from the `biz` node, which only business accounts have), account (a proto.ADVSignedDeviceIdentity: its bytes are base64 STRINGS), signalIdentities, platform')
    save('pair-success-new-login.json', pick(lines, ev('connection.update'), 'isNewLogin'), 'connection.update {isNewLogin: true} right after creds-after-pairing.json (qr: undefined is dropped by JSON)')
    const closed = await step(() => inject(sock, { tag: 'stream:error', attrs: { code: '515' } }))
    save('close-515.json', pick(closed, ev('connection.update', d => d.connection === 'close'), '515'),
        'connection.update close after pairing: `<stream:error code="515"/>` → Boom "Stream Errored (restart required)", statusCode 515, data = the stream:error node (socket.js CB:stream:error, getErrorCodeFromStreamError)')
    pairedCreds = creds // Baileys has merged every creds.update into it
}

// ================================= 2. the paired account, logged in =================================
pairedCreds.accountSyncCounter = 1 // as after a first history sync: no 20 s wait for one (chats.js AwaitingInitialSync)
const answer = node => {
    const child = Array.isArray(node.content) ? node.content[0] : undefined
    const result = (content) => ({ tag: 'iq', attrs: { id: node.attrs.id, type: 'result', from: node.attrs.to }, content })
    if (node.attrs.xmlns === 'encrypt' && child?.tag === 'count') return result([{ tag: 'count', attrs: { value: '5' } }])
    if (node.attrs.xmlns === 'w:g2' && child?.tag === 'query') return result([groupNode()])
    if (node.attrs.xmlns === 'w:g2' && child?.tag === 'participating') {
        return result([{ tag: 'groups', attrs: {}, content: [groupNode(), groupNode({ id: '120363025550001122', subject: 'Parley ops 🔧', size: '2', people: [[ME, 'superadmin'], [CAROL, null]] })] }])
    }
    return null
}
function groupNode({ id = GROUP.split('@')[0], subject = 'Weekend hikers', size = '5', people = [[CAROL, 'superadmin'], [ME, 'admin'], [ALICE, null], [BOB, null], [DAVE, null]] } = {}) {
    return {
        tag: 'group',
        attrs: { id, addressing_mode: 'lid', creator: lidJid(CAROL), creator_pn: pnJid(CAROL), creation: String(T0 - 86400 * 200), subject, s_t: String(T0 - 86400 * 30), s_o: lidJid(CAROL), s_o_pn: pnJid(CAROL), size, creator_country_code: '86' },
        content: [
            { tag: 'description', attrs: { id: 'A1B2C3D4E5F60718', participant: lidJid(CAROL), participant_pn: pnJid(CAROL), t: String(T0 - 86400 * 30) }, content: [{ tag: 'body', attrs: {}, content: Buffer.from('Saturday walks. Be nice.') }] },
            { tag: 'member_add_mode', attrs: {}, content: Buffer.from('admin_add') },
            { tag: 'ephemeral', attrs: { expiration: '604800', trigger: '1' } },
            ...people.map(([p, type]) => ({ tag: 'participant', attrs: { jid: lidJid(p), phone_number: pnJid(p), ...(type ? { type } : {}) } }))
        ]
    }
}
const { sock, keys } = await start(pairedCreds, {}, {}, answer)
const meLidDevice = `${ME.lid}:${ME.device}@lid`
{
    const lines = await step(() => inject(sock, { tag: 'success', attrs: { t: t(), props: '27', abprops: '59', location: 'frc', lid: meLidDevice, creation: String(T0 - 60), display_name: '' } }), 1500)
    save('creds-after-login.json', pick(lines, ev('creds.update', d => d.me?.lid && !d.nextPreKeyId), 'me.lid'), 'creds.update {me: {...me, lid}} on `<success>` (socket.js CB:success), right before open.json')
    save('open.json', pick(lines, ev('connection.update', d => d.connection === 'open'), 'open'), 'connection.update {connection: "open"} (socket.js CB:success): nothing else comes with it')
    save('creds-pre-keys.json', pick(lines, ev('creds.update', d => d.nextPreKeyId), 'pre-key creds'), 'creds.update {nextPreKeyId, firstUnuploadedPreKeyId} after uploading pre-keys (socket.js uploadPreKeys; the server said it had 5)')
    save('keys-set-pre-keys.json', pick(lines, ev('keys.set', d => d['pre-key']), 'pre-keys'), 'keys.set of the 5 new pre-key pairs {"<id>": {private, public}} (Utils/signal.js getNextPreKeys)')
    save('keys-set-own-lid.json', pick(lines, ev('keys.set', d => d['lid-mapping']), 'own lid mapping'), 'keys.set of the account\'s own LID↔PN mapping: "lid-mapping" {"<pn user>": "<lid user>", "<lid user>_reverse": "<pn user>"} (Signal/lid-mapping.js storeLIDPNMappings)')
    const online = await step(() => inject(sock, { tag: 'ib', attrs: { from: 's.whatsapp.net' }, content: [{ tag: 'offline', attrs: { count: '0' } }] }), 600)
    save('pending-notifications.json', pick(online, ev('connection.update', d => d.receivedPendingNotifications), 'offline'), 'connection.update {receivedPendingNotifications: true} once the server has delivered what came while offline (socket.js CB:ib,,offline)')
}

// a second Signal party for Alice: encrypts to the account with its uploaded pre-keys
const aliceCreds = initAuthCreds()
const aliceStore = {}
const aliceKeys = addTransactionCapability({
    get: async (type, ids) => Object.fromEntries(ids.map(id => [id, aliceStore[type]?.[id]])),
    set: async data => { for (const [type, v] of Object.entries(data)) aliceStore[type] = { ...aliceStore[type], ...v } }
}, logger, { maxCommitRetries: 1, delayBetweenTriesMs: 1 })
const aliceSignal = makeLibSignalRepository({ creds: aliceCreds, keys: aliceKeys }, logger)
{
    const { '1': preKey } = await keys.get('pre-key', ['1'])
    await aliceSignal.injectE2ESession({ jid: meLidDevice, session: {
        registrationId: pairedCreds.registrationId,
        identityKey: B.generateSignalPubKey(pairedCreds.signedIdentityKey.public),
        signedPreKey: { keyId: pairedCreds.signedPreKey.keyId, publicKey: B.generateSignalPubKey(pairedCreds.signedPreKey.keyPair.public), signature: pairedCreds.signedPreKey.signature },
        preKey: { keyId: 1, publicKey: B.generateSignalPubKey(preKey.public) }
    } })
}
const enc = async (message) => {
    const { type, ciphertext } = await aliceSignal.encryptMessage({ jid: meLidDevice, data: encodeWAMessage(proto.Message.fromObject(message)) })
    return { tag: 'enc', attrs: { v: '2', type }, content: ciphertext }
}
const plaintext = message => ({ tag: 'plaintext', attrs: {}, content: proto.Message.encode(proto.Message.fromObject(message)).finish() })
const groupMsg = (from, id, content, extra = {}) => ({
    tag: 'message',
    attrs: { from: GROUP, type: 'text', id, participant: lidJid(from), participant_pn: pnJid(from), addressing_mode: 'lid', notify: from.name, t: t(), ...extra },
    content
})
const privateMsg = (from, id, content, extra = {}) => ({
    tag: 'message', attrs: { from: lidJid(from), sender_pn: pnJid(from), type: 'text', id, notify: from.name, t: t(), ...extra }, content
})
const upsert = (lines, what) => pick(lines, ev('messages.upsert'), what)
const media = (mime, path) => ({
    url: `https://mmg.whatsapp.net/v/t62.${path}/${bytes(6).toString('hex')}_n.enc?ccb=11-4&oh=01_Q5Aa${bytes(12).toString('base64url')}&oe=${(clock + 2592000).toString(16).toUpperCase()}&_nc_sid=5e03e0&mms3=true`,
    mimetype: mime, fileSha256: bytes(32), fileEncSha256: bytes(32), mediaKey: bytes(32),
    directPath: `/v/t62.${path}/${bytes(6).toString('hex')}_n.enc?ccb=11-4&oh=01_Q5Aa${bytes(12).toString('base64url')}&oe=${(clock + 2592000).toString(16).toUpperCase()}&_nc_sid=5e03e0`,
    mediaKeyTimestamp: clock
})
const ids = {}

// --- group messages ---
{
    ids.groupText = waId('3EB0')
    const { senderKeyDistributionMessage, ciphertext } = await aliceSignal.encryptGroupMessage({ group: GROUP, meId: lidJid(ALICE), data: encodeWAMessage(proto.Message.fromObject({ conversation: 'Anyone up for Saturday? ⛰️' })) })
    const lines = await step(async () => inject(sock, groupMsg(ALICE, ids.groupText, [
        await enc({ senderKeyDistributionMessage: { groupId: GROUP, axolotlSenderKeyDistributionMessage: senderKeyDistributionMessage } }),
        { tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: ciphertext }
    ])))
    save('upsert-group-text.json', upsert(lines, 'group text'), 'messages.upsert notify: first group text from a participant, LID-addressed (key.participant @lid, participantAlt = phone JID, addressingMode "lid"), pushName. Really pkmsg+skmsg encrypted, so `message` also holds the senderKeyDistributionMessage that came with it (messages-recv.js handleMessage, decode-wa-message.js)')
    save('contacts-update-push-name.json', pick(lines, ev('contacts.update'), 'push name'), 'contacts.update [{id, notify: pushName}] that every received message (here upsert-group-text.json) with a pushName causes (chats.js upsertMessage); verifiedName undefined is dropped')
    save('keys-set-first-group-message.json', pick(lines, ev('keys.set', d => d.session), 'session keys'), 'keys.set written while decrypting upsert-group-text.json\'s pkmsg: the new session (a libsignal SessionRecord serialised as a JSON OBJECT with base64 strings, not bytes) and the used pre-key deleted (null), in one set because Baileys commits a transaction\'s writes together. The sender\'s identity-key and the sender-key come in keys.set lines of their own (Signal/libsignal.js)')
    save('keys-set-identity-key.json', pick(lines, ev('keys.set', d => d['identity-key']), 'identity key'), 'keys.set of the sender\'s identity key (33 bytes, {"type":"Buffer"}), first seen in upsert-group-text.json\'s pkmsg (libsignal.js saveIdentity, trust on first use)')
    save('keys-set-sender-key.json', lines.filter(l => JSON.parse(l).data?.['sender-key']).at(-1), 'keys.set of the group sender key after upsert-group-text.json\'s skmsg: "<group>::<lid user>_1::<device>" → a Buffer holding the JSON of a SenderKeyRecord (libsignal.js storeSenderKey). The first write for a new sender is an empty record ("[]")')
    save('chats-update-message.json', pick(lines, ev('chats.update'), 'chat update'), 'chats.update [{id, messages: [{message}], conversationTimestamp, unreadCount}] that process-message.js emits for every real message')
    save('lid-mapping-keys-set.json', pick(lines, ev('keys.set', d => d['lid-mapping']), 'lid mapping'), 'keys.set of the sender\'s LID↔PN mapping (upsert-group-text.json) learnt from the stanza\'s participant_pn (messages-recv.js handleMessage → storeLIDPNMappings)')
}
{
    ids.quote = waId('3EB0')
    const lines = await step(() => inject(sock, groupMsg(BOB, ids.quote, [plaintext({
        extendedTextMessage: {
            text: `@${ALICE.lid} count me in, and @${ME.lid} too`,
            previewType: 0,
            contextInfo: { stanzaId: ids.groupText, participant: lidJid(ALICE), quotedMessage: { conversation: 'Anyone up for Saturday? ⛰️' }, mentionedJid: [lidJid(ALICE), lidJid(ME)] },
            inviteLinkGroupTypeV2: 0
        },
        messageContextInfo: { messageSecret: bytes(32) }
    })])))
    save('upsert-group-quote.json', upsert(lines, 'quote'), 'messages.upsert notify: group extendedTextMessage quoting the previous message (contextInfo.stanzaId, participant, quotedMessage) and mentioning two LIDs (mentionedJid); enum previewType as its name')
}
{
    const lines = await step(() => inject(sock, groupMsg(BOB, waId('3EB0'), [plaintext({ reactionMessage: { key: { remoteJid: GROUP, fromMe: false, id: ids.groupText, participant: lidJid(ALICE) }, text: '👍', senderTimestampMs: clock * 1000 + 512 } })])))
    save('upsert-reaction.json', upsert(lines, 'reaction upsert'), 'messages.upsert notify carrying the reactionMessage itself (key of the reacted message, text, senderTimestampMs as a string)')
    save('messages-reaction.json', pick(lines, ev('messages.reaction'), 'reaction'), 'messages.reaction [{key: reacted message (fromMe corrected to our view), reaction: {...reactionMessage, key: the reacting message\'s key}}] (process-message.js); senderTimestampMs is a Long in a plain object → {low, high, unsigned}')
}
{
    const lines = await step(() => inject(sock, groupMsg(ALICE, waId('3EB0'), [plaintext({ protocolMessage: { key: { remoteJid: GROUP, fromMe: true, id: ids.groupText }, type: 0 } })])))
    save('upsert-revoke.json', upsert(lines, 'revoke'), 'messages.upsert notify of a "delete for everyone": protocolMessage type "REVOKE" with the key of the deleted message')
    save('messages-update-revoke.json', pick(lines, ev('messages.update'), 'revoke update'), 'messages.update for upsert-revoke.json: key = the deleted message, update {message: null, messageStubType: 1 (REVOKE, a number here), key: the revoking message\'s key} (process-message.js)')
}
{
    const lines = await step(() => inject(sock, groupMsg(DAVE, waId('3EB0'), [plaintext({ ephemeralMessage: { message: { extendedTextMessage: { text: 'This chat has disappearing messages on', contextInfo: { expiration: 604800, ephemeralSettingTimestamp: String(T0 - 86400) } } } } })])))
    save('upsert-ephemeral.json', upsert(lines, 'ephemeral'), 'messages.upsert notify: a text wrapped in ephemeralMessage {message: …} (disappearing messages on; contextInfo.expiration)')
}
{
    const lines = await step(() => inject(sock, groupMsg(BOB, waId('3EB0'), [plaintext({ viewOnceMessageV2: { message: { imageMessage: { ...media('image/jpeg', '7118-24'), fileLength: 88213, height: 1280, width: 960, viewOnce: true } } } })])))
    save('upsert-view-once.json', upsert(lines, 'view once'), 'messages.upsert notify: a view-once image, viewOnceMessageV2 {message: {imageMessage: {viewOnce: true, …}}}')
}
{
    // group notifications: the stub message (append) and the event process-message.js derives from it
    const note = (from, child, extra = {}) => ({ tag: 'notification', attrs: { from: GROUP, type: 'w:gp2', id: String(Math.floor(Math.random() * 4e9)), participant: lidJid(from), participant_pn: pnJid(from), addressing_mode: 'lid', notify: from.name, t: t(), ...extra }, content: [child] })
    const part = p => ({ tag: 'participant', attrs: { jid: lidJid(p), phone_number: pnJid(p) } })
    const cases = [
        ['group-participants-add.json', note(CAROL, { tag: 'add', attrs: {}, content: [part(DAVE)] }), 'add by an admin: author = the admin\'s LID; participants [{id: LID, phoneNumber, admin: null}]'],
        ['group-participants-add-invite-link.json', note(DAVE, { tag: 'add', attrs: { reason: 'invite' }, content: [part(DAVE)] }), 'add of someone who joined by invite link. Reconstructed: WhatsApp is understood to send `<add reason="invite">` with the joiner as the acting participant, so author = the joiner; Baileys reads no reason, so this looks like an add by the joiner themself (without an acting participant, author would be absent)'],
        ['group-participants-remove-kick.json', note(CAROL, { tag: 'remove', attrs: {}, content: [part(BOB)] }), 'remove by an admin (kick): author = admin, participants = the removed member'],
        ['group-participants-remove-leave.json', note(BOB, { tag: 'remove', attrs: {}, content: [part(BOB)] }), 'a member leaving: the same action "remove", with author = the participant (handleGroupNotification turns it into stub GROUP_PARTICIPANT_LEAVE, process-message.js emits "remove")'],
        ['group-participants-promote.json', note(CAROL, { tag: 'promote', attrs: {}, content: [part(ALICE)] }), 'promote (admin: null in participants: the notification carries no type)'],
        ['group-participants-demote.json', note(CAROL, { tag: 'demote', attrs: {}, content: [part(ALICE)] }), 'demote'],
        ['group-participants-remove-me.json', note(CAROL, { tag: 'remove', attrs: {}, content: [{ tag: 'participant', attrs: { jid: lidJid(ME), phone_number: pnJid(ME) } }] }), 'remove of the account itself by an admin (a chats.update {readOnly: true} follows)']
    ]
    for (const [name, stanza, what] of cases) {
        const lines = await step(() => inject(sock, stanza))
        save(name, pick(lines, ev('group-participants.update'), name), `group-participants.update, ${what}. authorPn is never set in rc14: the stub message goes through proto.WebMessageInfo.fromObject, which drops key.participantAlt (messages-recv.js handleGroupNotification → process-message.js)`)
        if (name === 'group-participants-add.json') save('upsert-group-stub-add.json', upsert(lines, 'stub'), 'messages.upsert type "append" of the stub message behind group-participants-add.json: a whole proto.WebMessageInfo (messageStubType "GROUP_PARTICIPANT_ADD", messageStubParameters = JSON strings of the participants, messageTimestamp a string, key without participantAlt)')
        if (name === 'group-participants-remove-me.json') save('chats-update-read-only.json', pick(lines, ev('chats.update'), 'read only'), 'chats.update [{id: group, readOnly: true}] after group-participants-remove-me.json')
    }
    const subj = await step(() => inject(sock, note(CAROL, { tag: 'subject', attrs: { subject: 'Weekend hikers 🥾', s_o: lidJid(CAROL), s_t: String(clock) } })))
    save('groups-update-subject.json', pick(subj, ev('groups.update'), 'subject'), 'groups.update [{id, subject, author}] on a rename (stub GROUP_CHANGE_SUBJECT → process-message.js emitGroupUpdate; authorPn missing as above)')
    const created = await step(() => inject(sock, note(CAROL, { tag: 'create', attrs: {}, content: [groupNode({ id: '120363099887766554', subject: 'Trail cleanup day', size: '3', people: [[CAROL, 'superadmin'], [ME, null], [ALICE, null]] })] }, { from: '120363099887766554@g.us' })))
    save('groups-upsert.json', pick(created, ev('groups.upsert'), 'create'), 'groups.upsert [GroupMetadata + author, authorPn] when the account is added to a new group (messages-recv.js handleGroupNotification "create" → groups.js extractGroupMetadata: participants {id, phoneNumber, admin}, owner, ownerPn, subject, creation, addressingMode "lid", desc, ephemeralDuration …)')
    save('chats-upsert.json', pick(created, ev('chats.upsert'), 'chat'), 'chats.upsert [{id, name, conversationTimestamp}] that comes with groups-upsert.json')
}

// --- private messages ---
{
    ids.privateText = waId('3EB0')
    const lines = await step(async () => inject(sock, privateMsg(ALICE, ids.privateText, [await enc({ conversation: 'Hi! Is the Saturday walk still on?' })])))
    save('upsert-private-text.json', upsert(lines, 'private'), 'messages.upsert notify: private text, remoteJid = the sender\'s LID, remoteJidAlt = phone JID (from sender_pn), addressingMode "lid", and key.participant "" (cleanMessage normalises an absent participant to an empty string in every private message); really pkmsg-encrypted')
    save('keys-set-private-message.json', pick(lines, ev('keys.set', d => d.session), 'session'), 'keys.set while decrypting upsert-private-text.json (a second pkmsg on the same session): the updated session record (a JSON object, see keys-set-first-group-message.json) under the LID signal address "<lid user>_1.<device>"')
}
const mediaCases = [
    ['upsert-image.json', { imageMessage: { ...media('image/jpeg', '7118-24'), caption: 'Trail map', fileLength: 245760, height: 1600, width: 1200, jpegThumbnail: bytes(64), scansSidecar: bytes(40), scanLengths: [5220, 20110, 9700, 12800], midQualityFileSha256: bytes(32) } }, 'image with caption: url, directPath, mediaKey/fileSha256/fileEncSha256 (base64 strings), fileLength (uint64 → "245760"), mediaKeyTimestamp (int64 → string), jpegThumbnail'],
    ['upsert-video.json', { videoMessage: { ...media('video/mp4', '7161-24'), fileLength: 3145728, seconds: 14, caption: 'Summit!', height: 848, width: 480, jpegThumbnail: bytes(64), streamingSidecar: bytes(30) } }, 'video with caption'],
    ['upsert-audio-ptt.json', { audioMessage: { ...media('audio/ogg; codecs=opus', '7114-24'), fileLength: 12034, seconds: 6, ptt: true, waveform: bytes(64) } }, 'voice note: audioMessage with ptt true, seconds, waveform'],
    ['upsert-document.json', { documentWithCaptionMessage: { message: { documentMessage: { ...media('application/pdf', '7119-24'), title: 'route.pdf', fileLength: 524288, pageCount: 3, fileName: 'route.pdf', caption: 'The route' } } } }, 'document with fileName and caption: WhatsApp wraps a captioned document in documentWithCaptionMessage {message: {documentMessage}}'],
    ['upsert-sticker.json', { stickerMessage: { ...media('image/webp', '15575-24'), fileLength: 19034, height: 512, width: 512, isAnimated: false, isAvatar: false, isAiSticker: false, isLottie: false } }, 'sticker (image/webp)'],
    ['upsert-location.json', { locationMessage: { degreesLatitude: 22.5431, degreesLongitude: 114.0579, name: 'Wutong Mountain', address: 'Luohu, Shenzhen', jpegThumbnail: bytes(48) } }, 'location'],
    ['upsert-contact.json', { contactMessage: { displayName: 'Bob Li', vcard: `BEGIN:VCARD\nVERSION:3.0\nN:Li;Bob;;;\nFN:Bob Li\nTEL;type=CELL;type=VOICE;waid=${BOB.pn}:+86 137 0013 7000\nEND:VCARD` } }, 'contact card (contactMessage with vcard)']
]
for (const [name, message, what] of mediaCases) {
    const lines = await step(() => inject(sock, privateMsg(ALICE, waId('3EB0'), [plaintext({ ...message, messageContextInfo: { messageSecret: bytes(32) } })], { type: 'media' })))
    save(name, upsert(lines, name), `messages.upsert notify, private: ${what}`)
}
{
    const lines = await step(() => inject(sock, privateMsg(ALICE, waId('3EB0'), [plaintext({ protocolMessage: { key: { remoteJid: lidJid(ME), fromMe: true, id: ids.privateText }, type: 14, editedMessage: { conversation: 'Hi! Is the Saturday walk still on? (9 am?)' }, timestampMs: clock * 1000 + 250 } })], { edit: '1' })))
    save('upsert-edit.json', upsert(lines, 'edit'), 'messages.upsert notify of an edit: protocolMessage type "MESSAGE_EDIT" with key (of the edited message, as the sender sees it), editedMessage, timestampMs')
    save('messages-update-edit.json', pick(lines, ev('messages.update'), 'edit update'), 'messages.update for upsert-edit.json: key = the edited message in our view, update {message: {editedMessage: {message: <new content>}}, messageTimestamp (seconds, number)} (process-message.js MESSAGE_EDIT)')
}
{
    ids.fromMe = waId('3EB0')
    const lines = await step(() => inject(sock, { tag: 'message', attrs: { from: `${ME.lid}@lid`, recipient: lidJid(ALICE), peer_recipient_pn: pnJid(ALICE), type: 'text', id: ids.fromMe, notify: ME.name, t: t() }, content: [plaintext({ conversation: 'Yes, 9 am at the north gate.' })] }))
    save('upsert-from-me.json', upsert(lines, 'from me'), 'messages.upsert notify of a message the account sent from its phone: fromMe true, remoteJid = the recipient, status 2 (SERVER_ACK, a number)')
    save('creds-push-name.json', pick(lines, ev('creds.update'), 'own push name'), 'creds.update {me: {...me, name}} when the account\'s own pushName first shows up on its own message (chats.js upsertMessage)')
}
{
    const lines = await step(() => inject(sock, privateMsg(BOB, waId('3EB0'), [plaintext({ conversation: 'Sent while you were offline' })], { offline: '1' })), 800)
    save('upsert-append.json', upsert(lines, 'append'), 'messages.upsert type "append": a message delivered from the offline queue (stanza offline="1" → messages-recv.js offlineNodeProcessor)')
}
{
    const lines = await step(() => inject(sock, { tag: 'receipt', attrs: { from: lidJid(ALICE), id: ids.fromMe, t: t(), type: 'read' } }))
    save('messages-update-status.json', pick(lines, ev('messages.update'), 'status'), 'messages.update [{key, update: {status: 4 (READ), messageTimestamp}}] for a private read receipt of a sent message; a plain receipt gives status 3 (DELIVERY_ACK) (messages-recv.js handleReceipt)')
    const group = await step(() => inject(sock, { tag: 'receipt', attrs: { from: GROUP, participant: lidJid(BOB), id: waId('3EB0'), t: t(), type: 'read' } }))
    save('message-receipt-update.json', pick(group, ev('message-receipt.update'), 'group receipt'), 'message-receipt.update [{key, receipt: {userJid, readTimestamp}}]: in GROUPS receipts come as this event, not messages.update')
}
{
    // from the account's phone: app-state keys and the initial history sync (inline payload, no download)
    const fromPhone = message => ({ tag: 'message', attrs: { from: pnJid(ME), type: 'text', id: waId('3A'), category: 'peer', t: t() }, content: [plaintext(message)] })
    const keyId = bytes(6)
    const share = await step(() => inject(sock, fromPhone({ protocolMessage: { type: 6, appStateSyncKeyShare: { keys: [{ keyId: { keyId }, keyData: { keyData: bytes(32), fingerprint: { rawId: 1733560125, currentIndex: 3, deviceIndexes: [0, ME.device] }, timestamp: clock * 1000 } }] } } })))
    save('keys-set-app-state-sync-key.json', pick(share, ev('keys.set', d => d['app-state-sync-key']), 'app state key'), 'keys.set of an app-state-sync-key (process-message.js APP_STATE_SYNC_KEY_SHARE): the value is a proto.Message.AppStateSyncKeyData, so keyData is a base64 STRING and timestamp a decimal string; the bridge hands it back through AppStateSyncKeyData.fromObject')
    const history = proto.HistorySync.encode({
        syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
        conversations: [{
            id: lidJid(ALICE), pnJid: pnJid(ALICE), name: ALICE.name, unreadCount: 1, conversationTimestamp: clock - 50, endOfHistoryTransfer: false,
            messages: [
                { msgOrderId: 2, message: { key: { remoteJid: lidJid(ALICE), fromMe: false, id: waId('3EB0') }, message: { conversation: 'See you Saturday' }, messageTimestamp: clock - 50, pushName: ALICE.name, status: 3 } },
                { msgOrderId: 1, message: { key: { remoteJid: lidJid(ALICE), fromMe: true, id: waId('3EB0') }, message: { extendedTextMessage: { text: 'Route: https://example.org/trail' } }, messageTimestamp: clock - 120, status: 4, userReceipt: [{ userJid: pnJid(ALICE), readTimestamp: clock - 60 }] } }
            ]
        }],
        progress: 100, chunkOrder: 1
    }).finish()
    const lines = await step(() => inject(sock, fromPhone({ protocolMessage: { type: 5, historySyncNotification: { syncType: 0, chunkOrder: 1, progress: 100, originalMessageId: waId('3A'), initialHistBootstrapInlinePayload: deflateSync(history) } } })), 800)
    save('messaging-history-set.json', pick(lines, ev('messaging-history.set'), 'history'), 'messaging-history.set {chats (proto.Conversation, messages replaced by [{message}]), contacts [{id, name, lid, phoneNumber}], messages (whole proto.WebMessageInfo: string timestamps, enum names, 4-field keys), syncType 0 (a NUMBER: INITIAL_BOOTSTRAP, copied out of the proto), progress, isLatest, chunkOrder, peerDataRequestSessionId null}, from an INITIAL_BOOTSTRAP notification with an inline payload (history.js processHistoryMessage). The protocolMessage that carried it is upserted (notify) as well')
    save('creds-processed-history.json', pick(lines, ev('creds.update', d => d.processedHistoryMessages), 'processed history'), 'creds.update {processedHistoryMessages: [{key, messageTimestamp}]} that Baileys writes before messaging-history-set.json')
}
{
    const results = processContactAction(proto.SyncActionValue.ContactAction.fromObject({ fullName: 'Alice Wang', firstName: 'Alice', lidJid: lidJid(ALICE) }), pnJid(ALICE), logger)
    const lines = await step(() => emitSyncActionResults(sock.ev, results))
    save('contacts-upsert.json', pick(lines, ev('contacts.upsert'), 'contacts'), 'contacts.upsert [{id: phone JID, name, lid, phoneNumber}] from an address-book contact (app-state contactAction, Utils/sync-action-utils.js processContactAction; built without an app-state patch). notify never comes here: it is contacts.update (push names)')
    save('lid-mapping-update.json', pick(lines, ev('lid-mapping.update'), 'lid mapping'), 'lid-mapping.update {lid, pn} that comes with contacts-upsert.json (sync-action-utils.js)')
}

// --- call results ---
save('result-groupMetadata.json', await callLine(sock.groupMetadata(GROUP)), 'reply to `call groupMetadata ["<group>"]`: GroupMetadata as groups.js extractGroupMetadata builds it from the w:g2 answer')
{
    let reply
    const lines = await step(async () => { reply = await callLine(sock.groupFetchAllParticipating()) })
    save('result-groupFetchAllParticipating.json', reply, 'reply to `call groupFetchAllParticipating []`: {"<group jid>": GroupMetadata}')
    save('groups-update-fetch-all.json', pick(lines, ev('groups.update'), 'fetch all'), 'groups.update with every full GroupMetadata, which groupFetchAllParticipating (result-groupFetchAllParticipating.json) also emits')
}
{
    const msg = await generateWAMessage(lidJid(ALICE), { text: 'Meet at 9 at the north gate' }, { logger, userJid: sock.user.id, messageId: generateMessageIDV2(sock.user.id) })
    save('result-sendMessage.json', await callLine(Promise.resolve(msg)), 'reply to `call sendMessage ["<jid>", {"text": …}]`: the WAMessage it resolves to, a whole proto.WebMessageInfo (status "PENDING", string messageTimestamp); built with generateWAMessage as sendMessage does, not relayed (messages-send.js sendMessage)')
    const lines = await step(() => sock.upsertMessage(msg, 'append'))
    save('upsert-sent-append.json', upsert(lines, 'own send'), 'messages.upsert type "append" of the object in result-sendMessage.json, which sendMessage emits for its own message (emitOwnEvents)')
}
{
    // keys-set.json: one line with a value of each kind Baileys stored during this run (the latest of each type)
    const seen = transcript.map(l => JSON.parse(l)).filter(o => o.event === 'keys.set').map(o => o.data)
    const latest = type => { const d = seen.findLast(d => Object.values(d[type] || {}).some(Boolean)); return Object.fromEntries(Object.entries(d[type]).filter(([, v]) => v)) }
    const preKeys = Object.entries(latest('pre-key'))
    const line = JSON.stringify({ account: ACCOUNT, event: 'keys.set', data: { 'pre-key': { [preKeys.at(-1)[0]]: preKeys.at(-1)[1], '1': null }, session: latest('session'), 'sender-key': latest('sender-key'), 'app-state-sync-key': latest('app-state-sync-key'), 'lid-mapping': latest('lid-mapping'), 'identity-key': latest('identity-key'), 'device-list': latest('device-list') } })
    save('keys-set.json', line, 'a keys.set with one value of each type (pre-key pair, a used pre-key deleted (null), session, sender-key, app-state-sync-key, lid-mapping, identity-key, device-list), assembled from values Baileys really stored in this run; real lines carry what one set() (one transaction) wrote, see keys-set-*.json')
}
{
    const lines = await step(() => sock.end(undefined))
    save('close-requested.json', pick(lines, ev('connection.update', d => d.connection === 'close'), 'close'), 'connection.update close after Parley\'s own `close` (sock.end(undefined)): lastDisconnect has only date, no error')
    save('error-sendMessage.json', await callLine(sock.sendMessage(lidJid(ALICE), { text: 'hello?' })), 'error reply to `call sendMessage` rejected with a Boom: the socket is closed, "Connection Closed" status 428 (DisconnectReason.connectionClosed)')
}

// ================================= 3. close reasons on a logged-in socket =================================
for (const [name, stanza, what] of [
    ['close-401.json', { tag: 'stream:error', attrs: { code: '401' }, content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }] }, 'logged out from the phone: `<stream:error code="401"><conflict type="device_removed"/></stream:error>` → Boom "Stream Errored (conflict)", statusCode 401 (DisconnectReason.loggedOut), data = the conflict node. A `<failure reason="401"/>` at login gives "Connection Failure" 401 with data = its attrs'],
    ['close-403.json', { tag: 'failure', attrs: { reason: '403', location: 'frc' } }, 'forbidden (banned): `<failure reason="403"/>` → Boom "Connection Failure", statusCode 403 (DisconnectReason.forbidden), data = the failure attrs (socket.js CB:failure)'],
    ['close-440.json', { tag: 'stream:error', attrs: {}, content: [{ tag: 'conflict', attrs: { type: 'replaced' } }] }, 'replaced by another client: `<stream:error><conflict type="replaced"/></stream:error>` → Boom "Stream Errored (conflict)", statusCode 440 (DisconnectReason.connectionReplaced)']
]) {
    const s = await start(pairedCreds, {}, {}, answer)
    const lines = await step(() => inject(s.sock, stanza))
    save(name, pick(lines, ev('connection.update', d => d.connection === 'close'), name), `connection.update close, ${what}`)
}

// ---- README ---------------------------------------------------------------------------------------------------
const readme = `# Baileys ${baileysVersion} payloads, as the bridge writes them

Each \`*.json\` here is ONE line of \`bridge/whatsapp/bridge.mjs\`'s stdout (account id \`ACCOUNT\`): an event
\`{"account","event","data"}\` or a call reply \`{"account","id":"REQ","result"|"error"}\`. They are not written by
hand: \`src/test/node/whatsapp-fixtures.mjs\` drives a real Baileys ${baileysVersion} socket (makeWASocket from the
bridge's node_modules) with stanzas as WhatsApp's server sends them, over a silent loopback WebSocket, and records
what it emits through a copy of the bridge's key store and line writer. Its header explains how, and what
\`JSON.stringify(x, BufferJSON.replacer)\` does to bytes, longs and enums; sources named below are files under
\`node_modules/baileys/lib\` (https://github.com/WhiskeySockets/Baileys, \`src/\` in the repository).
The stanzas are built by the script after what Baileys's handlers read (tags, attributes, children); they are not
captures of WhatsApp's traffic, so where WhatsApp's own stanza is uncertain the line below says so. Everything
after the stanza (decoding, decryption, the event and its payload, the serialisation) is Baileys's and the
bridge's own code. Keys, message ids, QR refs and dates are random per run.

Regenerate (from the repository root):

    (cd bridge/whatsapp && npm ci --omit=dev) && node src/test/node/whatsapp-fixtures.mjs

| file | what it is, and where Baileys makes it |
| --- | --- |
${written.sort(([a], [b]) => a.localeCompare(b)).map(([f, w]) => `| \`${f}\` | ${w.replace(/\|/g, '\\|')} |`).join('\n')}
`
writeFileSync(new URL('README.md', OUT), readme)
if (process.env.FIXTURES_TRANSCRIPT) writeFileSync(process.env.FIXTURES_TRANSCRIPT, transcript.join('\n') + '\n')
console.log(`wrote ${written.length} fixtures and README.md to ${OUT.pathname}`)
process.exit(0)
