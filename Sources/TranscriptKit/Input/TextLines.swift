/// Splits text into lines at LF, CRLF or CR (each one line break), without the terminators.
///
/// Line *n* of the result is line *n + 1* in every diagnostic and in the JSON.
public enum TextLines {
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(text[start..<i]))
                var next = utf8.index(after: i)
                if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A {
                    next = utf8.index(after: next)
                }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        if start != utf8.endIndex {
            lines.append(String(text[start..<utf8.endIndex]))
        }
        return lines
    }
}
