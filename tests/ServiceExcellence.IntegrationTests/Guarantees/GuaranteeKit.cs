using System.Globalization;
using System.Text.RegularExpressions;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Guarantees;

/// <summary>Helpers of the guarantee tests: a working link to a recorded transaction, an invocation through it, and links out of emails.</summary>
public static partial class GuaranteeKit
{
    /// <summary>Records a transaction (480 EUR) and mints a link token for its survey, as the outbox dispatcher would when sending it.</summary>
    public static async Task<(Guid TransactionId, string Token)> LinkAsync(AppFactory app, TestData data, string reference, Guid? contactId = null)
    {
        var recorded = await SurveyLinks.RecordAsync(app, data, reference, contactId);
        return (recorded.Id, await SurveyLinks.MintAsync(app, recorded.Id));
    }

    /// <summary>The customer invokes the guarantee through the link of a new transaction; returns the invocation's id.</summary>
    public static async Task<Guid> InvokeAsync(AppFactory app, TestData data, string reference, decimal chosen, string reason = "The engineer came a day late.")
    {
        var (_, token) = await LinkAsync(app, data, reference);
        var result = await app.SendAsync<InvokeGuarantee.Result>(new InvokeGuarantee.Command
        {
            Token = token,
            ChosenAmount = chosen.ToString(CultureInfo.InvariantCulture),
            Reason = reason,
        });
        return result.Id;
    }

    /// <summary>The path of the guarantee link in a survey email.</summary>
    public static string GuaranteeLink(ReceivedEmail email) => Links(email).Single(l => l.StartsWith("/g/", StringComparison.Ordinal));

    public static IEnumerable<string> Links(ReceivedEmail email) =>
        LinkPattern().Matches(email.Text ?? string.Empty).Select(m => new Uri(m.Value).PathAndQuery).Distinct();

    [GeneratedRegex(@"https://localhost/[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
