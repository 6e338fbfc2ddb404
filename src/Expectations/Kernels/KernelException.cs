namespace Expectations.Kernels;

/// <summary>
/// A kernel cannot go on with this data (a table's capacity exceeded, say). Kernels depend on nothing else in the
/// library, so they throw this rather than an engine exception; the engine reports it like one of its own known
/// problems: its message, no stack trace.
/// </summary>
internal sealed class KernelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KernelException() { }

    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    public KernelException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KernelException(string message, Exception innerException) : base(message, innerException) { }
}
