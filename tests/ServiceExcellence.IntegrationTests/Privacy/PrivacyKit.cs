using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Privacy;

/// <summary>Anna's history at Northwind as real use builds it: ratings through their links, a guarantee invoked, emails queued.</summary>
public static class PrivacyKit
{
    public const string TrickyComment = "Late, again; the \"engineer\" said:\nnext week.";
    public const string GuaranteeReason = "Anna says the repair failed twice.";

    public static string PrivacyUrl(TestData data) => $"/Admin/Clients/Privacy/{data.Northwind.Id}/{data.Anna.Id}";

    /// <summary>Two ratings (one with a comment and a failure category), a guarantee invocation, and one rating from another contact.</summary>
    public static async Task<FailureCategory> BuildHistoryAsync(AppFactory app, TestData data)
    {
        var lateArrival = new FailureCategory("Late arrival", null, isCritical: false, sortOrder: 1);
        await app.ExecuteAsync(db =>
        {
            db.FailureCategories.Add(lateArrival);
            return Task.CompletedTask;
        });

        await RateAsync(app, data, "T-1", overall: 2, TrickyComment, [lateArrival.Id], recommend: 3);
        app.Clock.Advance(TimeSpan.FromDays(15));
        await RateAsync(app, data, "T-2", overall: 5, comment: null, [], recommend: 10);
        app.Clock.Advance(TimeSpan.FromDays(15));

        var recorded = await SurveyLinks.RecordAsync(app, data, "T-3");
        var token = await SurveyLinks.MintAsync(app, recorded.Id);
        await app.SendAsync<InvokeGuarantee.Result>(new InvokeGuarantee.Command
        {
            Token = token,
            ChosenAmount = 100m.ToString(CultureInfo.InvariantCulture),
            Reason = GuaranteeReason,
        });

        var benId = Guid.Empty;
        await app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == data.Northwind.Id);
            benId = client.AddContact("Ben Becker", "ben@northwind.example", "en").Id;
        });
        await CustomerRatings.RateAsync(app, data, "T-B1", 4, "Fine work.", contactId: benId);
        return lateArrival;
    }

    private static async Task RateAsync(AppFactory app, TestData data, string reference, int overall, string? comment, List<Guid> categories, int recommend)
    {
        var recorded = await SurveyLinks.RecordAsync(app, data, reference);
        var token = await SurveyLinks.MintAsync(app, recorded.Id);
        await app.SendAsync<Application.Ratings.SubmitRating.Result>(new Application.Ratings.SubmitRating.Command
        {
            Token = token,
            Overall = overall,
            LikelihoodToRecommend = recommend,
            FailureCategoryIds = categories,
            Comment = comment,
        });
    }

    /// <summary>The client's figures as the dashboards compute them from ratings: count, average, CSAT (share of 4–5) and NPS inputs.</summary>
    public static Task<(int Count, double Average, double Csat, double Recommend, int Categories)> FiguresAsync(AppFactory app, TestData data) =>
        app.QueryAsync(async db =>
        {
            var ratings = await db.Ratings.Where(r => r.ClientId == data.Northwind.Id).Select(r => new { r.Overall, r.LikelihoodToRecommend }).ToListAsync();
            var categories = await db.RatingFailureCategories.CountAsync();
            return (ratings.Count, ratings.Average(r => r.Overall), ratings.Count(r => r.Overall >= 4) / (double)ratings.Count,
                ratings.Average(r => r.LikelihoodToRecommend ?? 0), categories);
        });
}
