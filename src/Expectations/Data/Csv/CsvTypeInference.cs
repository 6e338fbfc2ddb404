namespace Expectations.Data.Csv;

/// <summary>A column of a CSV file: its position, name, kind and whether the kind was declared or inferred.</summary>
internal sealed record CsvColumn(string Name, int Ordinal, DataKind Kind, bool Declared);

/// <summary>
/// Infers one column's kind from sample values as pandas' <c>read_csv</c> does without <c>parse_dates</c>: every
/// non-null value a 64-bit integer → Integer; else every value a number → Float; else every value one of pandas'
/// boolean spellings (<c>True</c>, <c>TRUE</c>, <c>true</c>, <c>False</c>, <c>FALSE</c>, <c>false</c>) → Boolean;
/// else String. Dates and times stay String, as in pandas, which parses them only when asked (here: declare the
/// column <see cref="DataKind.Timestamp"/> in <see cref="CsvOptions.ColumnTypes"/>). A column with no non-null value
/// is String. An integer too large for a long makes the column String, never a Float that would round it.
/// </summary>
internal struct CsvTypeInference
{
    private bool _seen;
    private bool _integer;
    private bool _float;
    private bool _boolean;
    private bool _hugeInteger;

    public static CsvTypeInference Start() => new() { _integer = true, _float = true, _boolean = true };

    /// <summary>Whether any candidate other than String is still open.</summary>
    public readonly bool Open => (_integer || _float || _boolean) && !_hugeInteger;

    public readonly DataKind Result =>
        !_seen || _hugeInteger ? DataKind.String
        : _integer ? DataKind.Integer
        : _float ? DataKind.Float
        : _boolean ? DataKind.Boolean
        : DataKind.String;

    /// <summary>Narrows the candidates by one non-null value.</summary>
    public void Observe(ReadOnlySpan<char> text)
    {
        _seen = true;
        if (!_integer || !CsvValueParser.TryParseInteger(text, out _))
        {
            _integer = false;
            if (CsvValueParser.HasIntegerSyntax(text) && !CsvValueParser.TryParseInteger(text, out _))
            {
                _hugeInteger = true;
                return;
            }
        }

        if (_float && !_integer && !CsvValueParser.TryParseFloat(text, out _))
        {
            _float = false;
        }

        if (_boolean && !CsvValueParser.IsPandasBoolean(text))
        {
            _boolean = false;
        }
    }
}
