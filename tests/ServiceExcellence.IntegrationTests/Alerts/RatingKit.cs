using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>A customer's rating through the real pipeline: record a transaction, the link its email would carry, submit.</summary>
public static class RatingKit
{
    public static Task<Guid> SubmitAsync(AppFactory app, TestData data, string reference, int overall, string? comment = null, Guid? contactId = null) =>
        CustomerRatings.RateAsync(app, data, reference, overall, comment, contactId: contactId);

    /// <summary>
    /// Ratings of Northwind's contact for repairs by the Field Service team, one per score, all at <paramref name="at"/>,
    /// stored directly (with their transactions and answered invitations) for tests of rules over many ratings.
    /// </summary>
    public static Task StoreRatingsAsync(AppFactory app, TestData data, DateTimeOffset at, params int[] scores) =>
        app.ExecuteAsync(db =>
        {
            foreach (var score in scores)
            {
                var (transaction, invitation) = SentInvitation(data, at);
                invitation.MarkResponded(at);
                var rating = new Rating(invitation.Id, transaction.Id, data.Northwind.Id, data.Anna.Id, data.Repair.Id, data.Operations.Id, at);
                rating.Answer(new RatingAnswer(score, null, null, null, null, null, null, [], null, "en"));
                db.Transactions.Add(transaction);
                db.SurveyInvitations.Add(invitation);
                db.Ratings.Add(rating);
            }

            return Task.CompletedTask;
        });

    /// <summary>A repair for Northwind an hour before <paramref name="at"/> and its survey invitation, sent at <paramref name="at"/>.</summary>
    public static (Transaction Transaction, SurveyInvitation Invitation) SentInvitation(TestData data, DateTimeOffset at)
    {
        var transaction = new Transaction("test", Guid.NewGuid().ToString("N"), data.Northwind, data.Anna, data.Repair, null, null, at.AddHours(-1), Channel.OnSite, 100m, "EUR");
        var invitation = SurveyInvitation.Create(transaction.Id, data.Anna.Id, "en", at, TimeSpan.FromDays(30));
        invitation.MarkSent(at);
        return (transaction, invitation);
    }

    /// <summary>A member of staff in the given teams.</summary>
    public static async Task<Domain.People.Person> MemberOfAsync(AppFactory app, params Domain.Teams.Team[] teams)
    {
        var person = await app.CreatePersonAsync(Domain.People.StaffRole.TeamMember);
        await app.ExecuteAsync(async db =>
        {
            foreach (var team in teams)
            {
                (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == team.Id)).AddMember(person.Id);
            }
        });
        return person;
    }
}
