using ServiceExcellence.Application.Ratings;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>A customer rates a contact as in real life: the transaction is recorded, its link sent, the answer submitted through the link.</summary>
public static class CustomerRatings
{
    /// <summary>Records transaction <paramref name="reference"/> for Anna at Northwind (Field repair) and submits her rating; returns the rating's id.</summary>
    public static async Task<Guid> RateAsync(AppFactory app, TestData data, string reference, int overall, string? comment = null, string language = "en", Guid? contactId = null)
    {
        var recorded = await SurveyLinks.RecordAsync(app, data, reference, contactId);
        var token = await SurveyLinks.MintAsync(app, recorded.Id);
        var result = await app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = overall, Comment = comment, Language = language });
        return result.RatingId;
    }
}
