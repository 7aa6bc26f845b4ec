using System.Globalization;
using ServiceExcellence.Application.Guarantees;

namespace ServiceExcellence.Web.Pages.Guarantees;

/// <summary>Amounts on the desk: two decimals and the currency; totals per currency, never converted.</summary>
public static class GuaranteeFormat
{
    public static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    public static string Money(decimal? amount, string currency) => amount is { } value ? Money(value, currency) : "—";

    public static string Money(IReadOnlyList<GuaranteeFigures.Money> totals) =>
        totals.Count == 0 ? "0.00" : string.Join(" + ", totals.Select(m => Money(m.Amount, m.Currency)));
}
