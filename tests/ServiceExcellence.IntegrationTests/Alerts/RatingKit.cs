using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>A customer's rating through the real pipeline: record a transaction, the link its email would carry, submit.</summary>
public static class RatingKit
{
    public static async Task<Guid> SubmitAsync(AppFactory app, TestData data, string reference, int overall, string? comment = null, Guid? contactId = null)
    {
        var recorded = await SurveyLinks.RecordAsync(app, data, reference, contactId);
        var (token, hash) = SurveyTokens.Mint();
        await app.ExecuteAsync(async db =>
        {
            var invitation = await db.SurveyInvitations.SingleAsync(i => i.TransactionId == recorded.Id);
            invitation.MarkSent(app.Clock.GetUtcNow());
            db.SurveyLinkTokens.Add(new SurveyLinkToken(invitation.Id, hash, app.Clock.GetUtcNow()));
        });
        var result = await app.SendAsync<Application.Ratings.SubmitRating.Result>(new Application.Ratings.SubmitRating.Command { Token = token, Overall = overall, Comment = comment });
        return result.RatingId;
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
