// Encrypts a small PNG and a PDF the way WhatsApp clients upload media, with Baileys's own encryptedStream
// (node_modules/baileys/lib/Utils/messages-media.js), and writes what the CDN would serve and what the message would
// carry, for MediaCipherTest. Run from the repository root:
//     (cd bridge/whatsapp && npm ci --omit=dev) && node src/test/node/whatsapp-media-vector.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'

const require = createRequire(new URL('../../../bridge/whatsapp/package.json', import.meta.url))
const { encryptedStream } = await import(require.resolve('baileys'))

/** A 2×2 RGBA PNG, so the decrypted image can be shown on a card. */
function png() {
    const crc = buf => {
        let c = ~0
        for (const b of buf) {
            c ^= b
            for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1))
        }
        return ~c >>> 0
    }
    const chunk = (type, data) => {
        const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
        const body = Buffer.concat([Buffer.from(type), data])
        const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body))
        return Buffer.concat([len, body, sum])
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(2, 0); header.writeUInt32BE(2, 4); header[8] = 8; header[9] = 6
    const rows = Buffer.from([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255])
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
        chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

const cases = {
    image: png(),
    document: Buffer.from('%PDF-1.4\n% Parley media vector: a route for Saturday, 9 am at the north gate\n%%EOF\n')
}
for (const [type, plain] of Object.entries(cases)) {
    const { mediaKey, encFilePath, fileEncSha256, fileSha256, fileLength } = await encryptedStream(plain, type)
    const vector = {
        type,
        mediaKey: mediaKey.toString('base64'),
        encrypted: readFileSync(encFilePath).toString('base64'),
        fileEncSha256: fileEncSha256.toString('base64'),
        fileSha256: fileSha256.toString('base64'),
        fileLength,
        plain: plain.toString('base64')
    }
    writeFileSync(new URL(`../resources/whatsapp/media/${type}.json`, import.meta.url), JSON.stringify(vector, null, 2) + '\n')
    console.log(`${type}: ${plain.length} bytes → ${vector.encrypted.length} base64 characters`)
}
