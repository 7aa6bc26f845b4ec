using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>Helpers of the survey tests: record a transaction as staff would, and take links out of received emails.</summary>
public static partial class SurveyLinks
{
    public static Task<RecordTransaction.Result> RecordAsync(AppFactory app, TestData data, string reference, Guid? contactId = null, Guid? clientId = null) =>
        app.SendAsync<RecordTransaction.Result>(new RecordTransaction.Command
        {
            ExternalReference = reference,
            ClientId = clientId ?? data.Northwind.Id,
            ContactId = contactId ?? data.Anna.Id,
            ServiceLineId = data.Repair.Id,
            OccurredAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-2),
            InvoicedAmount = 480m,
            Currency = "EUR",
        });

    /// <summary>What the dispatcher does when it sends the survey email: a fresh token whose hash is stored; the invitation is Sent.</summary>
    public static async Task<string> MintAsync(AppFactory app, Guid transactionId)
    {
        var (token, hash) = SurveyTokens.Mint();
        await app.ExecuteAsync(async db =>
        {
            var invitation = await db.SurveyInvitations.SingleAsync(i => i.TransactionId == transactionId);
            invitation.MarkSent(app.Clock.GetUtcNow());
            db.SurveyLinkTokens.Add(new SurveyLinkToken(invitation.Id, hash, app.Clock.GetUtcNow()));
        });
        return token;
    }

    /// <summary>The path and query of the link that opens the survey with <paramref name="score"/> selected.</summary>
    public static string ScoreLink(ReceivedEmail email, int score) =>
        Links(email).Single(l => l.EndsWith($"?score={score}", StringComparison.Ordinal));

    public static string SurveyLink(ReceivedEmail email) => Links(email).First(l => l.StartsWith("/r/", StringComparison.Ordinal) && !l.Contains('?', StringComparison.Ordinal));

    public static string UnsubscribeLink(ReceivedEmail email) => Links(email).Single(l => l.StartsWith("/u/", StringComparison.Ordinal));

    public static string TokenOf(string link) => link.Split('/', '?')[2];

    private static IEnumerable<string> Links(ReceivedEmail email) =>
        LinkPattern().Matches(email.Text ?? string.Empty).Select(m => new Uri(m.Value).PathAndQuery).Distinct();

    [GeneratedRegex(@"https://localhost/[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
