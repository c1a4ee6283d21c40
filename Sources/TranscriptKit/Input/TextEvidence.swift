/// How much a decoded sample looks like real (Chinese or English) text.
///
/// A legacy-encoded text read with the wrong table (GBK bytes as Big5, Big5 bytes as GBK,
/// GBK bytes as UTF-16) still decodes to Han characters, but to rare ones, interleaved with
/// private-use code points and invalid sequences; the right table yields the few hundred
/// characters that make up most of any Chinese text. `score` weighs exactly that.
struct TextEvidence {
    var scalars = 0
    var invalid = 0
    /// Han characters in the built-in table of very frequent characters.
    var frequentHan = 0
    /// Other CJK unified ideographs (basic block): plausible, but no evidence either way.
    var otherHan = 0
    /// CJK and full-width punctuation, general punctuation (quotes, dashes, ellipsis).
    var punctuation = 0
    /// Printable ASCII and tab/LF/CR/FF.
    var ascii = 0
    /// Code points that are unlikely in a transcript: private use, compatibility ideographs,
    /// extension blocks, Yi, Hangul, bopomofo, C0/C1 controls.
    var unlikely = 0

    init(utf8 bytes: [UInt8], invalid: Int) {
        self.invalid = invalid
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            count(scalar.value)
        }
    }

    private mutating func count(_ v: UInt32) {
        scalars += 1
        switch v {
        case 0x20..<0x7F, 0x09, 0x0A, 0x0D, 0x0C:
            ascii += 1
        case 0x4E00...0x9FFF:
            if HanFrequency.isFrequent(v) { frequentHan += 1 } else { otherHan += 1 }
        case 0x3000...0x301F, 0xFF01...0xFF5E, 0x2010...0x2027, 0x2030...0x205E, 0x00B7:
            punctuation += 1
        case 0xFFFD:
            break  // counted through `invalid`
        case 0x00...0x1F, 0x7F...0x9F, 0x3100...0x312F, 0x3400...0x4DBF, 0xA000...0xA4CF,
             0xAC00...0xD7AF, 0xE000...0xF8FF, 0xF900...0xFAFF, 0x20000...:
            unlikely += 1
        default:
            break
        }
    }

    /// Higher is more like real text.
    var score: Int {
        3 * frequentHan + 2 * punctuation + ascii - 2 * unlikely - 10 * invalid
    }

    /// Share of the non-ASCII code points (and invalid sequences) that are frequent Han or
    /// punctuation. A real Chinese decode scores high; Latin text with a stray Windows-1252
    /// byte, read as GBK, gives an odd Han character or an invalid sequence and scores 0.
    var nonASCIIPlausibleShare: Double {
        let nonASCII = scalars - ascii + invalid
        guard nonASCII > 0 else { return 0 }
        return Double(frequentHan + punctuation) / Double(nonASCII)
    }

    /// Share of code points that are clearly plausible (ASCII, frequent Han, punctuation).
    var plausibleShare: Double {
        guard scalars + invalid > 0 else { return 0 }
        return Double(ascii + frequentHan + punctuation) / Double(scalars + invalid)
    }
}

/// A compact table of very frequent Han characters, in both simplified and traditional forms.
/// Written for this project from the vocabulary of everyday speech and interviews; it only
/// needs to be good enough that a correct decode hits it far more often than a wrong one.
/// The three groups are only for the reader (and loosely drawn); they feed one set.
enum HanFrequency {
    /// Characters written the same way in both scripts.
    static let shared = """
        的一是不了人我你他她它在有和就也都很要可以去好上下大小中多少天年月日子女心口手目面身力\
        之而其此所者乎已又再才只并把被比自己知道想看做作用出入到得着起回家事情方法因然如果但那\
        哪每各些本今明昨早晚前外内西南北高新老真正同公司工生活命民世界全部分次最第三二四五六七\
        八九十百千太更非常特定意思感希望相信喜能需必可始成功展行走路地方位置水火山雨器技科研究\
        智模型品市主持宾提答案朋友孩父母先士同文化史社治教育医院病健康理言字名叫声音白黑红黄\
        青色美好快慢远近长短重要容易困难直接其实当然其他别人因此所以如何怎么样什已经曾经刚才马\
        上常常总是可能应该也许大概或者还是而且并且虽然不过只是就是例如比如关于对于根据通过为了\
        由于除了包括今天明天昨天时间时候小时分钟星期上午下午晚上早上中午季节春夏秋冬年代世纪\
        人生命运机会问题答案原因结果目标计划方向方面方式方法情况条件环境关系影响作用意义价值\
        能力水平经验知识能量信息内容形式结构系统过程阶段部分整体基本主要重点核心关键简单复杂\
        清楚明白具体一般普通特殊正常自然社会文化历史政治经济科学技术教育艺术体育医学法律工程\
        产业企业公司团队组织管理领导员工客户用户市场产品服务质量成本收入利润投资资本资金股票\
        加减乘除思考判断选择决定改变发展创造设计研究实验测试分析解决处理完成开始结束继续停止\
        喜欢爱好讨厌害怕担心希望相信觉得认为知道了解理解记得忘记学习练习教学读书写字说话听看\
        吃喝睡住穿用买卖送给拿放找等坐站跑跳飞游玩笑哭唱跳打开关门窗桌椅床车船路桥城市乡村国\
        家庭父母兄弟姐妹儿女孩子朋友同学老师学生医生病人客人主人男女老少青年中年少年儿童妈爸\
        哥姐弟妹叔舅姨嗯啊呢吧吗呀哦哈嘛么唉喂嘿咱您俺
        """

    /// Frequent characters in their simplified forms.
    static let simplified = """
        们这个来为国时说会对么还没现后里东长业学问题实当觉欢爱应该须开发进车风电脑机网络术数据\
        训练产场经济钱买卖记访观众谢师历体听读写见讲话语书乐让给过从两几万无与点样头关动边气\
        们员间门问们认识论议设计划刚简单复杂环境质量资讯报纸杂志节目视频录音广播电视剧团队领导\
        专业职业岗位项目创业投资价值转变变化继续结构办东西对话谈判处理总结选择决定还会动态\
        亲爱儿童妈妈爸爸哥哥姐姐弟弟妹妹孙龙凤鸟马鱼虫见闻听说读写谁该须让请边远运进连选\
        钟头脸颜颗级纪约终经给统结绝续线组织细红绿蓝鲜热爱忆忧惯愿态虑虽岁华兴举义乡乱争书\
        么传伤众优会体余侧俭债倾儿党兰关兴养兽内写军农冲决况冻净准凉减几凤击创删别剧劝办务\
        动劳势勋区医华协单卖卫却历压厅厨县参双发变叙台号叹吗听启呜员响哑唤问团园围图圆国
        """

    /// Frequent characters in their traditional forms.
    static let traditional = """
        們這個來為國時說會對麼還沒現後裡裏東長業學問題實當覺歡愛應該須開發進車風電腦機網絡術數\
        據訓練產場經濟錢買賣記訪觀眾謝師歷體聽讀寫見講話語書樂讓給過從兩幾萬無與點樣頭關動邊氣\
        員間門認識論議設計劃剛簡單複雜環境質量資訊報紙雜誌節目視頻錄音廣播電視劇團隊領導專業職\
        崗位項創轉變化繼續結構辦對談判處理總選擇決定態親兒媽爸哥姐弟妹孫龍鳳鳥馬魚蟲聞誰請遠運\
        連選鐘臉顏顆級紀約終統絕線組織細紅綠藍鮮熱憶憂慣願慮雖歲華興舉義鄉亂爭傳傷眾優餘側債傾\
        黨蘭養內軍農衝況淨準減擊劇勸務勞勢區醫協衛卻壓廳縣參雙敘號嘆嗎聽啟員響問團園圍圖圓讓\
        灣臺陸島與為麼個們裡當時還這說會對來後從沒現開發關問題實應該經濟產業電視話語書寫讀聽
        """

    /// One bit per code point of the basic CJK block U+4E00…U+9FFF.
    private static let bits: [UInt64] = {
        var words = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00 + 1 + 63) / 64)
        for scalar in (shared + simplified + traditional).unicodeScalars {
            let v = Int(scalar.value)
            guard v >= 0x4E00, v <= 0x9FFF else { continue }
            let k = v - 0x4E00
            words[k >> 6] |= 1 << UInt64(k & 63)
        }
        return words
    }()

    static func isFrequent(_ v: UInt32) -> Bool {
        guard v >= 0x4E00, v <= 0x9FFF else { return false }
        let k = Int(v) - 0x4E00
        return bits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// Number of distinct characters in the table (for tests and curiosity).
    static var count: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }
}
