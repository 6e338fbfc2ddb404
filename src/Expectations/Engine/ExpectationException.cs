namespace Expectations.Engine;

/// <summary>
/// A problem with one expectation against this data (missing column, unsupported column type, values of
/// mixed types): becomes that result's <c>exception_info</c>.
/// </summary>
internal sealed class ExpectationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpectationException() { }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public ExpectationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ExpectationException(string message, Exception innerException) : base(message, innerException) { }
}
