using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>A customer rates a contact as in real life: the transaction is recorded, its link sent, the answer submitted through the link.</summary>
public static class CustomerRatings
{
    /// <summary>Records transaction <paramref name="reference"/> for Anna at Northwind (Field repair) and submits her rating; returns the rating's id.</summary>
    public static async Task<Guid> RateAsync(AppFactory app, TestData data, string reference, int overall, string? comment = null, string language = "en")
    {
        var recorded = await SurveyLinks.RecordAsync(app, data, reference);
        var token = await MintLinkAsync(app, recorded.Id);
        var result = await app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = overall, Comment = comment, Language = language });
        return result.RatingId;
    }

    /// <summary>What the dispatcher does when it sends the email: a fresh token whose hash is stored.</summary>
    private static async Task<string> MintLinkAsync(AppFactory app, Guid transactionId)
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
}
