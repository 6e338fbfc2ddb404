using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Expectations.Sql.ClickHouse;

/// <summary>
/// One ClickHouse server reached through its HTTP interface (no driver: ClickHouse 18.16 speaks neither the current
/// native protocol nor <c>RowBinaryWithNamesAndTypes</c>). Queries are sent as the request body and read as
/// <c>FORMAT JSONCompact</c> (the JSON format with rows as arrays) with 64-bit integers as JSON numbers
/// (<c>output_format_json_quote_64bit_integers=0</c>) and NaN and infinities as strings
/// (<c>output_format_json_quote_denormals=1</c>); the server buffers each result (<c>wait_end_of_query=1</c>) so that an
/// error is always an HTTP error. The password is sent as HTTP basic authentication and never appears in messages.
/// Thread-safe.
/// </summary>
public sealed partial class ClickHouseClient : IDisposable
{
    private const string Settings = "output_format_json_quote_64bit_integers=0&output_format_json_quote_denormals=1&wait_end_of_query=1&max_query_size=16777216";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _auth;

    /// <summary>A client of the server at <paramref name="endpoint"/> (e.g. <c>http://127.0.0.1:8123/</c>).</summary>
    /// <param name="endpoint">The HTTP interface's address (http or https; user information and query are ignored).</param>
    /// <param name="user">The ClickHouse user.</param>
    /// <param name="password">The user's password (empty for none).</param>
    /// <param name="database">The database of unqualified table names (the server's default database when null).</param>
    /// <param name="httpClient">The HTTP client to send requests with (timeouts, proxies, TLS); the client is not disposed with this one. A new one when null.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) address.</exception>
    public ClickHouseClient(Uri endpoint, string user = "default", string? password = null, string? database = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(user);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The ClickHouse endpoint must be an absolute http:// or https:// address, not '{endpoint}'.", nameof(endpoint));
        }

        Endpoint = new UriBuilder(endpoint.Scheme, endpoint.Host, endpoint.Port, endpoint.AbsolutePath).Uri;
        User = user;
        Database = string.IsNullOrEmpty(database) ? null : database;
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + (password ?? ""))));
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>The server's HTTP address, without credentials.</summary>
    public Uri Endpoint { get; }

    /// <summary>The ClickHouse user.</summary>
    public string User { get; }

    /// <summary>The database of unqualified table names, or null for the server's default.</summary>
    public string? Database { get; }

    /// <summary>
    /// A client from a connection string: a URL (<c>http://user:password@host:8123/?database=db</c>) or key-value pairs
    /// (<c>Host=127.0.0.1;Port=8123;Database=db;User=default;Password=…;Protocol=https</c>; Port defaults to 8123, or 8443
    /// for https; <c>Username</c> and <c>Pwd</c> are accepted too).
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <exception cref="ArgumentException">The string names no host or holds an unknown key or a bad port (the message never repeats the password).</exception>
    public static ClickHouseClient Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var info = url.UserInfo.Split(':', 2);
            var user = info[0].Length > 0 ? Uri.UnescapeDataString(info[0]) : "default";
            var password = info.Length > 1 ? Uri.UnescapeDataString(info[1]) : null;
            var database = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Where(p => p[0] == "database" && p.Length == 2).Select(p => Uri.UnescapeDataString(p[1])).LastOrDefault();
            return new ClickHouseClient(url, user, password, database);
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The ClickHouse connection string is neither an http(s) URL nor key=value pairs separated by ';'.", nameof(connectionString));
        }

        string? host = null, port = null, db = null, userName = null, pwd = null, protocol = null;
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], CultureInfo.InvariantCulture);
            switch (key.ToUpperInvariant())
            {
                case "HOST" or "SERVER": host = value; break;
                case "PORT": port = value; break;
                case "DATABASE": db = value; break;
                case "USER" or "USERNAME" or "USER ID": userName = value; break;
                case "PASSWORD" or "PWD": pwd = value; break;
                case "PROTOCOL": protocol = value?.ToLowerInvariant(); break;
                default: throw new ArgumentException($"The ClickHouse connection string has the unknown key '{key}' (known: Host, Port, Database, User, Password, Protocol).", nameof(connectionString));
            }
        }

        if (string.IsNullOrEmpty(host))
        {
            throw new ArgumentException("The ClickHouse connection string names no Host.", nameof(connectionString));
        }

        var scheme = protocol is null or "http" ? Uri.UriSchemeHttp : protocol == "https" ? Uri.UriSchemeHttps
            : throw new ArgumentException($"The ClickHouse connection string's Protocol is '{protocol}'; it must be http or https.", nameof(connectionString));
        var portNumber = port is null ? (scheme == Uri.UriSchemeHttps ? 8443 : 8123)
            : int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
            : throw new ArgumentException($"The ClickHouse connection string's Port '{port}' is not a port number.", nameof(connectionString));
        return new ClickHouseClient(new UriBuilder(scheme, host, portNumber).Uri, string.IsNullOrEmpty(userName) ? "default" : userName, pwd, db);
    }

    /// <summary>Runs a query and reads its result (the query must not name a <c>FORMAT</c>: <c>JSONCompact</c> is added).</summary>
    /// <param name="sql">The query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ClickHouseException">The server refused or failed the query, or could not be reached.</exception>
    public async ValueTask<SqlRows> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        var body = await SendAsync(null, Encoding.UTF8.GetBytes(sql + "\nFORMAT JSONCompact"), cancellationToken).ConfigureAwait(false);
        try
        {
            return ClickHouseValues.Read(body);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new ClickHouseException($"ClickHouse at {Endpoint} answered with a result that is not JSONCompact: {ex.Message}: {Head(body)}", ex);
        }
    }

    /// <summary>Runs a statement without a result (<c>CREATE</c>, <c>DROP</c>, <c>INSERT … SELECT</c>).</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ClickHouseException">The server refused or failed the statement, or could not be reached.</exception>
    public async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        _ = await SendAsync(null, Encoding.UTF8.GetBytes(sql), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="data"/> as the rows of <paramref name="insert"/> (an <c>INSERT … FORMAT …</c> statement).</summary>
    internal async ValueTask InsertAsync(string insert, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _ = await SendAsync(insert, data, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ClickHouse {User}@{Endpoint}{(Database is null ? "" : " database " + Database)}";

    private async ValueTask<string> SendAsync(string? queryInUrl, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var url = new StringBuilder(Endpoint.ToString()).Append('?').Append(Settings);
        if (Database is not null)
        {
            url.Append("&database=").Append(Uri.EscapeDataString(Database));
        }

        if (queryInUrl is not null)
        {
            url.Append("&query=").Append(Uri.EscapeDataString(queryInUrl));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url.ToString())) { Content = new ReadOnlyMemoryContent(body) };
        request.Headers.Authorization = _auth;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var message = text.Trim();
                var code = ServerCode().Match(message);
                throw code.Success
                    ? new ClickHouseException($"ClickHouse: {message}", int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture))
                    : new ClickHouseException($"ClickHouse at {Endpoint} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Head(message)}");
            }

            return text;
        }
        catch (HttpRequestException ex)
        {
            throw new ClickHouseException($"Cannot reach ClickHouse at {Endpoint}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse at {Endpoint} did not answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
        }
    }

    private static string Head(string text) => text.Length <= 500 ? text : text[..500] + "…";

    [GeneratedRegex(@"^Code: (\d+)")]
    private static partial Regex ServerCode();
}

/// <summary>Values of a <c>JSONCompact</c> result converted by their ClickHouse type.</summary>
internal static class ClickHouseValues
{
    public static SqlRows Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var meta = root.GetProperty("meta");
        var columns = new SqlResultColumn[meta.GetArrayLength()];
        var kinds = new DataKind[columns.Length];
        var i = 0;
        foreach (var m in meta.EnumerateArray())
        {
            var type = m.GetProperty("type").GetString()!;
            kinds[i] = ClickHouseDialect.Instance.KindOf(type, typeof(object));
            columns[i] = new SqlResultColumn(m.GetProperty("name").GetString()!, type, ClrTypeOf(kinds[i]));
            i++;
        }

        var rows = new List<object?[]>();
        foreach (var r in root.GetProperty("data").EnumerateArray())
        {
            var row = new object?[columns.Length];
            var c = 0;
            foreach (var v in r.EnumerateArray())
            {
                row[c] = Convert(v, kinds[c], columns[c].TypeName);
                c++;
            }

            rows.Add(row);
        }

        return new SqlRows(columns, rows);
    }

    private static Type ClrTypeOf(DataKind kind) => kind switch
    {
        DataKind.Boolean => typeof(bool),
        DataKind.Integer => typeof(long),
        DataKind.Float => typeof(double),
        DataKind.Decimal => typeof(decimal),
        DataKind.Timestamp => typeof(DateTime),
        DataKind.String => typeof(string),
        _ => typeof(object),
    };

    private static object? Convert(JsonElement v, DataKind kind, string type)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (kind)
        {
            case DataKind.Boolean:
                return v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => v.GetInt64() != 0,
                    _ => v.GetString() switch
                    {
                        "true" => true,
                        "false" => false,
                        var s => throw new FormatException($"'{s}' is not a boolean of {type}."),
                    },
                };
            case DataKind.Integer:
                {
                    var text = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
                    return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
                        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? (object)u
                        : BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                }

            case DataKind.Float:
                return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : v.GetString() switch
                {
                    "nan" or "-nan" => double.NaN,
                    "inf" or "+inf" => double.PositiveInfinity,
                    "-inf" => double.NegativeInfinity,
                    var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
            case DataKind.Decimal:
                return v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            case DataKind.Timestamp:
                // 18.16 writes the zero DateTime (and Date) as zeros: 1970-01-01 in UTC.
                return v.GetString() is "0000-00-00 00:00:00" or "0000-00-00" ? DateTime.UnixEpoch : DateTime.ParseExact(v.GetString()!, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None);
            case DataKind.String:
                return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            default:
                return v.GetRawText();
        }
    }
}
