using System.Globalization;
using System.Text.Json;
using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

internal sealed class DateutilParseableEvaluator(ColumnValuesToBeDateutilParseable e) : ColumnMapEvaluator<ColumnValuesToBeDateutilParseable>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String ? new DateutilCheck() : throw Unsupported(column, $"values passed to {Spec.Type} must be of type string.");
}

internal sealed class JsonParseableEvaluator(ColumnValuesToBeJsonParseable e) : ColumnMapEvaluator<ColumnValuesToBeJsonParseable>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String ? new JsonParseableCheck() : throw Unsupported(column, "the column is not text");
}

/// <summary>Rows that are not dates in the forms of <see cref="DateutilLike"/>.</summary>
internal sealed record DateutilCheck : TextRowCheck
{
    protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => !DateutilLike.IsParseable(text);
}

/// <summary>Rows whose UTF-8 is not one JSON value; read with <see cref="Utf8JsonReader"/> on the bytes, without decoding.</summary>
internal sealed record JsonParseableCheck : TextRowCheck
{
    protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => throw new NotSupportedException("JSON is checked on UTF-8 bytes.");

    protected override bool IsUnexpectedUtf8(ReadOnlySpan<byte> utf8) => !JsonText.IsValid(utf8);
}

/// <summary>Whether UTF-8 bytes hold exactly one JSON value.</summary>
internal static class JsonText
{
    /// <summary>Python's json module nests as deep as its recursion limit allows (about 1000); so do we.</summary>
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1000 };

    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            // The reader validates structure as it goes and rejects trailing content; an empty text has no token.
            var any = false;
            while (reader.Read())
            {
                any = true;
            }

            return any;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// The date texts <c>expect_column_values_to_be_dateutil_parseable</c> accepts, approximating
/// <c>dateutil.parser.parse</c> (default settings, no fuzzy parsing). A value is parseable when, after trimming,
/// it is one of:
/// <list type="bullet">
/// <item>ISO-8601 dates and times: <c>2003-09-25</c>, <c>2003-09-25T10:49:41</c>, <c>2003-09-25 10:49:41.5</c>,
/// with an offset or <c>Z</c>; compact <c>20030925</c>, <c>20030925T104941</c>; <c>2003-09</c>; a year <c>2003</c>.</item>
/// <item>Numeric dates with <c>/</c>, <c>-</c> or <c>.</c>, month first or day first (dateutil swaps when the first
/// number exceeds 12), two- or four-digit years: <c>01/02/2003</c>, <c>25/09/2003</c>, <c>1-2-03</c>, <c>25.09.2003</c>;
/// <c>2003/09/25</c>.</item>
/// <item>Month names, short or full, any case, with or without a weekday and comma: <c>Sep 25 2003</c>,
/// <c>September 25, 2003</c>, <c>25 Sep 2003</c>, <c>Thu, 25 Sep 2003</c>, <c>Sep 2003</c>.</item>
/// <item>ctime and RFC 1123: <c>Thu Sep 25 10:36:28 2003</c>, <c>Thu, 25 Sep 2003 10:49:41 GMT</c>, <c>… -0300</c>.</item>
/// <item>Any of the dates followed by a time (<c>10:49</c>, <c>10:49:41</c>, <c>10:49:41.123</c>, <c>10:49 PM</c>), and
/// times alone (<c>10:49:41</c>, <c>10 AM</c>), as dateutil fills the date from today.</item>
/// </list>
/// Everything .NET's invariant-culture <c>DateTime.TryParse</c> accepts is accepted too. Not accepted, although
/// dateutil reads them: bare day numbers (<c>"25"</c>), words between the parts (<c>"June 13 at 5pm"</c>), and
/// dates whose weekday contradicts the date (.NET checks it; dateutil ignores it).
/// </summary>
internal static class DateutilLike
{
    private static readonly string[] DatePatterns =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy-M", "yyyy", "M/d/yyyy", "M/d/yy", "d/M/yyyy", "d/M/yy", "M-d-yyyy", "M-d-yy", "d-M-yyyy", "d-M-yy",
        "d.M.yyyy", "d.M.yy", "MMM d yyyy", "MMM d, yyyy", "MMMM d yyyy", "MMMM d, yyyy", "d MMM yyyy", "d MMMM yyyy", "d MMM, yyyy", "MMM yyyy", "MMMM yyyy",
        "ddd MMM d yyyy", "ddd, MMM d yyyy", "ddd, MMM d, yyyy", "dddd, MMMM d, yyyy", "ddd, d MMM yyyy", "dddd, d MMMM yyyy", "ddd d MMM yyyy",
    ];

    private static readonly string[] TimePatterns = ["", " H:mm", " H:mm:ss", " H:mm:ss.FFFFFFF", " h:mm tt", " h:mm:ss tt", " h tt"];

    /// <summary>Forms .NET's own parser does not read: ctime, compact ISO, times with a.m./p.m. glued on.</summary>
    private static readonly string[] Extra =
    [
        "ddd MMM d H:mm:ss yyyy", "ddd MMM d H:mm:ss.FFFFFFF yyyy", "yyyyMMdd'T'HHmmss", "yyyyMMdd'T'HHmm", "yyyyMMdd HHmmss", "yyyyMMddHHmmss",
        "H:mm", "H:mm:ss", "H:mm:ss.FFFFFFF", "h tt", "h:mm tt", "h:mm:ss tt", "htt", "h:mmtt",
    ];

    private static readonly string[] Formats = [.. from d in DatePatterns from t in TimePatterns select d + t, .. Extra];

    private const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault;

    public static bool IsParseable(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
            || DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out _))
        {
            return true;
        }

        if (!text.Contains(','))
        {
            return false;
        }

        // dateutil skips commas anywhere ("Thu, Sep 25, 2003, 10:36"): try again without them.
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (c != ',')
            {
                buffer[n++] = c;
            }
        }

        return DateTimeOffset.TryParse(buffer[..n], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
            || DateTime.TryParseExact(buffer[..n], Formats, CultureInfo.InvariantCulture, Styles, out _);
    }
}
