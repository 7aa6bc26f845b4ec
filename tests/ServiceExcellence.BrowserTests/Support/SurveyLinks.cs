using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.BrowserTests.Support;

/// <summary>A working secret survey link to a fresh invitation.</summary>
public sealed record SurveyLink(string Token, Guid InvitationId)
{
    /// <summary>The rating page, e.g. <c>/r/{token}</c>.</summary>
    public string Path => $"/r/{Token}";
}

/// <summary>
/// Arranges survey links in the running app as production does: a transaction recorded through the mediator
/// invites a new contact of a demo client, and a token is minted for the invitation the way the outbox
/// dispatcher does when it sends the email (only its hash is stored).
/// </summary>
public static class SurveyLinks
{
    /// <summary>Offered under "What went wrong?" when no failure category exists yet (the demo seed has none).</summary>
    private static readonly string[] Categories = ["Late", "Not fixed the first time", "Billing error"];

    public static async Task<SurveyLink> NewAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        if (!await db.FailureCategories.AnyAsync(c => c.IsActive))
        {
            db.FailureCategories.AddRange(Categories.Select((name, i) => new FailureCategory(name, null, isCritical: false, sortOrder: i + 1)));
        }

        // A new contact has an email, has not opted out and was never surveyed, so the 14-day throttle cannot apply.
        var client = await db.Clients.Include(c => c.Contacts)
            .Where(c => !c.ExcludedFromSurveys)
            .OrderBy(c => c.Name)
            .FirstAsync();
        var contact = client.AddContact("Robin Rater", $"rater-{Guid.NewGuid():N}@example.com", "en");
        await db.SaveChangesAsync();
        var serviceLineId = await db.ServiceLines.OrderBy(s => s.Code).Select(s => s.Id).FirstAsync();

        var recorded = await mediator.Send(new RecordTransaction.Command
        {
            ClientId = client.Id,
            ContactId = contact.Id,
            ServiceLineId = serviceLineId,
            OccurredAt = now.UtcDateTime.AddHours(-2),
            Channel = Domain.Transactions.Channel.Phone,
            InvoicedAmount = 240m,
            Currency = "EUR",
        });
        var invitation = await db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.TransactionId == recorded.Id);
        if (invitation.Status != InvitationStatus.Pending)
        {
            throw new InvalidOperationException($"The invitation for {contact.Email} is {invitation.Status} ({invitation.SuppressionReason}), not Pending.");
        }

        var (token, hash) = SurveyTokens.Mint();
        db.SurveyLinkTokens.Add(new SurveyLinkToken(invitation.Id, hash, now));
        await db.SaveChangesAsync();
        return new SurveyLink(token, invitation.Id);
    }

    /// <summary>The rating recorded through the link, with its failure categories, or null when there is none.</summary>
    public static async Task<Rating?> RatingOfAsync(IServiceProvider services, SurveyLink link)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Ratings.AsNoTracking().Include(r => r.FailureCategories)
            .SingleOrDefaultAsync(r => r.InvitationId == link.InvitationId);
    }
}
