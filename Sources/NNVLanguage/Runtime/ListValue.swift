/// The elements of a list value, with how deeply it nests and how many values it holds in all.
///
/// Both are kept with the list, worked out from its elements' own, so a list built at run time
/// is checked in time proportional to its length: `x = [x]` in a loop could otherwise nest
/// deeper than printing, comparing or even freeing a value can recurse, and `x = [x, x]`
/// doubles what a traversal visits while the storage stays shared. The interpreter refuses
/// lists past `Value.maximumDepth` or `Value.maximumSize` where they are built.
public struct ListValue: RandomAccessCollection {
  public let values: [Value]
  // Stored as 32 bits, saturating, so a value stays 24 bytes.
  private let storedDepth: Int32
  private let storedSize: Int32

  /// 1 for a list of plain values, one more for each level of lists inside.
  public var depth: Int { Int(storedDepth) }
  /// Every value inside counted once per place it appears, nested ones included, plus the list
  /// itself; it saturates at `Int32.max`.
  public var size: Int { Int(storedSize) }

  public init(_ values: [Value]) {
    var depth = 0
    var size = 1
    for value in values {
      depth = Swift.max(depth, value.depth)
      size = ListValue.add(size, value.size)
    }
    self.values = values
    self.storedDepth = Int32(Swift.min(depth + 1, Int(Int32.max)))
    self.storedSize = Int32(size)
  }

  /// `a + b`, saturating at `Int32.max`.
  static func add(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int(Int32.max) : Swift.min(sum, Int(Int32.max))
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { values.count }
  public subscript(position: Int) -> Value { values[position] }
}

extension ListValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Value...) { self.init(elements) }
}

/// The elements of a list or a range, read one at a time: a range is never stored as a list,
/// so `len(range(1e12))`, `range(1e12)[5]` and `for i in range(1e12)` take no memory.
public struct ValueElements: RandomAccessCollection {
  enum Storage {
    case list(ListValue)
    case range(lower: Int, count: Int)
  }

  let storage: Storage

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .list(let list): list.count
    case .range(_, let count): count
    }
  }

  public subscript(position: Int) -> Value {
    switch storage {
    case .list(let list): list[position]
    case .range(let lower, _): .number(Double(lower + position))
    }
  }

}

/// What nnv refuses to build, so no value outgrows memory or the stack.
extension Value {
  /// How deeply lists may nest: `[[1]]` is 2 deep.
  public static let maximumDepth = 1000
  /// How many values a list may hold in all, nested ones included (counted once per place).
  public static let maximumSize = 1_000_000
  /// How long a string may grow, in UTF-8 bytes.
  public static let maximumStringLength = 16 << 20

  /// How deeply lists and records nest inside this value: 0 for a plain value.
  public var depth: Int {
    switch self {
    case .list(let list): return list.depth
    case .record(let record):
      // Records are made by builtins from plain values and short lists, so this is shallow.
      return 1 + (record.fields.map(\.value.depth).max() ?? 0)
    default: return 0
    }
  }

  /// How many values a traversal of this value visits: 1 for a plain value.
  public var size: Int {
    switch self {
    case .list(let list): return list.size
    case .record(let record):
      return record.fields.reduce(1) { ListValue.add($0, $1.value.size) }
    default: return 1
    }
  }

  /// A range's first value and how many there are (0 when empty).
  static func span(lower: Int, upper: Int, inclusive: Bool) -> (lower: Int, count: Int) {
    // The bounds are below 2^50 in magnitude (whole numbers a Double holds exactly, checked
    // where a range is made), so neither the end nor the count can overflow.
    let end = inclusive ? upper + 1 : upper
    return (lower, Swift.max(0, end - lower))
  }
}
