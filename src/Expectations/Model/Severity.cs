namespace Expectations;

/// <summary>How much a failed expectation matters. Only <see cref="Error"/> fails a validation.</summary>
public enum Severity
{
    /// <summary>A failure fails the validation (the default).</summary>
    Error,
    /// <summary>A failure is reported but does not fail the validation (unless the caller asks to fail on warnings).</summary>
    Warning,
    /// <summary>Informational: reported only.</summary>
    Info,
}
