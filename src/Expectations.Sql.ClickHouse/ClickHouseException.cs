using System.Data.Common;

namespace Expectations.Sql.ClickHouse;

/// <summary>The ClickHouse server refused or failed a query, or could not be reached; the message is the server's.</summary>
public sealed class ClickHouseException : DbException
{
    /// <summary>An error without a server code.</summary>
    public ClickHouseException()
    {
    }

    /// <summary>An error with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ClickHouseException(string message)
        : base(message)
    {
    }

    /// <summary>An error with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error the server reported with its numeric code (<c>Code: 62</c> is a syntax error).</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="serverCode">The server's error code.</param>
    public ClickHouseException(string message, int serverCode)
        : base(message, serverCode)
    {
        ServerCode = serverCode;
    }

    /// <summary>The server's error code, or null when the error did not come from the server (e.g. it is unreachable).</summary>
    public int? ServerCode { get; }
}
