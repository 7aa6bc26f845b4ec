using Microsoft.EntityFrameworkCore;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>A customer's rating through the real pipeline: record a transaction, the link its email would carry, submit.</summary>
public static class RatingKit
{
    public static Task<Guid> SubmitAsync(AppFactory app, TestData data, string reference, int overall, string? comment = null, Guid? contactId = null) =>
        CustomerRatings.RateAsync(app, data, reference, overall, comment, contactId: contactId);

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
