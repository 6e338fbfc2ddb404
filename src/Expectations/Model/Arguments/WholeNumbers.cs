namespace Expectations.Model;

/// <summary>Reading the integer kwargs (counts, lengths, indices, sizes), which are <see cref="Scalar"/>s so that they can hold suite parameters.</summary>
internal static class WholeNumbers
{
    /// <summary>
    /// The whole number of a resolved kwarg, or null when it is absent or null. Argument checks have accepted only
    /// whole numbers and suite parameters, and <see cref="ValidationPlan"/> resolves parameters before a backend runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is still a suite parameter, or not a whole number.</exception>
    public static long? OrNull(Scalar? value, string argument) => value switch
    {
        null or { IsNull: true } => null,
        { Kind: ScalarKind.Integer } v => v.AsInteger(),
        { IsParameter: true } v => throw new InvalidOperationException($"{argument} is the suite parameter {v}: resolve it first (ValidationPlan does)."),
        { } v => throw new InvalidOperationException($"{argument} must be a whole number, got {v}."),
    };

    /// <summary>The whole number of a resolved, required kwarg.</summary>
    /// <exception cref="InvalidOperationException">The value is null, still a suite parameter, or not a whole number.</exception>
    public static long Of(Scalar value, string argument) =>
        OrNull(value, argument) ?? throw new InvalidOperationException($"{argument} is required.");

    /// <summary>A whole number that must fit an <see cref="int"/> (argument checks bound it).</summary>
    public static int? IntOrNull(Scalar? value, string argument) => OrNull(value, argument) is { } n ? checked((int)n) : null;
}
