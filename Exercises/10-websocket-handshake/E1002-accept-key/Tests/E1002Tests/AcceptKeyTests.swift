import E1002
import Testing

// The expected values were computed with Python, independently of this code:
//   python3 -c 'import base64, hashlib; k = b"x3JJHMbDL1EzLkh9GBhXDw=="
//   print(base64.b64encode(hashlib.sha1(k + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest()))'
// (the swapped-case key is b"dGhlIHNhbXBsZSBub25jZQ==".swapcase()).

@Suite("10.2b WebSocketAcceptKey: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2)")
struct AcceptKeyTests {
    @Test("the RFC's own example gives the RFC's own answer (§1.3)")
    func rfcExample() throws {
        let key = try E1002.WebSocketAcceptKey(clientKey: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(key.value == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test(
        "other keys give the answers Python's hashlib and base64 give",
        arguments: [
            ("x3JJHMbDL1EzLkh9GBhXDw==", "HSmrc0sMlYUkAGmm5OPpG2HaGWk="),
            ("AQIDBAUGBwgJCgsMDQ4PEA==", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY="),
            ("AAAAAAAAAAAAAAAAAAAAAA==", "ICX+Yqv66kxgM0FcWaLWlFLwTAI="),
            ("////////////////////w==", "xEoC4nCaleWgdCCFB+F8v95z8/4="),
        ]
    )
    func otherKeys(clientKey: String, accept: String) throws {
        #expect(try E1002.WebSocketAcceptKey(clientKey: clientKey).value == accept)
    }

    @Test("the key is hashed as the text it is, not decoded and not case-folded")
    func keyIsText() throws {
        // The RFC key with its letters' case swapped: another key, another answer.
        let swapped = try E1002.WebSocketAcceptKey(clientKey: "DgHLihnHBxbSzsbUB25Jzq==")
        #expect(swapped.value == "nC/7DQuQhJcU3Mp2gSW9k90MP8g=")
        #expect(swapped != (try E1002.WebSocketAcceptKey(clientKey: "dGhlIHNhbXBsZSBub25jZQ==")))
    }
}
