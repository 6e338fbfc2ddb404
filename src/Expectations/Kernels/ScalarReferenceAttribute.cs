namespace Expectations.Kernels;

/// <summary>
/// Marks a vectorized kernel with the scalar method (same type, same parameters once generics are closed) it must
/// agree with. The kernel tests find the pairs by reflection and compare the two on random data; they fail when a
/// method of this namespace is vectorized (it reaches <c>System.Runtime.Intrinsics</c>, or has a <c>…Scalar</c>
/// sibling) and carries no reference.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class ScalarReferenceAttribute(string methodName) : Attribute
{
    /// <summary>Name of the scalar reference, a method of the same type: use <c>nameof</c>.</summary>
    public string MethodName { get; } = methodName;
}
