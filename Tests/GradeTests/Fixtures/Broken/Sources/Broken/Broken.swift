/// A function with a type error on its second line, as a learner's typo would make.
///
/// - Returns: Nothing; it does not compile.
public func broken() -> Int {
    let count: Int = "three"
    return count
}
