namespace ServiceExcellence.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"{what} is required.");
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainException($"{what} must be at most {maxLength} characters.");
    }

    public static string? Optional(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainException($"{what} must be at most {maxLength} characters.");
    }

    public static decimal NotNegative(decimal value, string what) =>
        value >= 0 ? value : throw new DomainException($"{what} cannot be negative.");
}
