using System.Globalization;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Web.Pages.Transactions;

/// <summary>How a transaction's channel and time read on the transaction pages.</summary>
public static class TransactionText
{
    public static string DisplayName(this Channel channel) => channel switch
    {
        Channel.OnSite => "On site",
        _ => channel.ToString(),
    };

    /// <summary>Always UTC, always <c>yyyy-MM-dd HH:mm</c> whatever the server's culture.</summary>
    public static string ToUtcText(this DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
