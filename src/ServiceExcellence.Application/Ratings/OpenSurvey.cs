using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;

namespace ServiceExcellence.Application.Ratings;

/// <summary>What the customer sees behind a survey link. Reading it changes nothing: mail scanners follow links.</summary>
public static class OpenSurvey
{
    /// <summary>Null when the link is unknown, expired or tampered with — the page then says only that.</summary>
    public sealed record Query(string? Token) : IQuery<Survey?>;

    public enum SurveyState
    {
        /// <summary>Not answered yet.</summary>
        Open,

        /// <summary>Answered; the answer may still be changed.</summary>
        Editable,

        /// <summary>Answered and the edit window has passed.</summary>
        Closed,
    }

    public sealed record Survey(
        Guid InvitationId,
        SurveyState State,
        string ContactName,
        string ClientName,
        string ServiceLineName,
        DateTimeOffset OccurredAt,
        decimal InvoicedAmount,
        string Currency,
        string Language,
        IReadOnlyList<Category> Categories,
        Answer? Existing,
        DateTimeOffset? EditableUntil);

    public sealed record Category(Guid Id, string Name, string? Description);

    public sealed record Answer(
        int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency,
        int? LikelihoodToRecommend, IReadOnlyList<Guid> FailureCategoryIds, string? Comment, DateTimeOffset SubmittedAt);

    public sealed class Handler(IAppDbContext db, IOptions<SurveyOptions> options, TimeProvider clock) : IQueryHandler<Query, Survey?>
    {
        public async ValueTask<Survey?> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitationId = await SurveyTokens.FindInvitationAsync(db, query.Token, cancellationToken);
            if (invitationId is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var found = await (
                from i in db.SurveyInvitations.AsNoTracking()
                where i.Id == invitationId
                join t in db.Transactions on i.TransactionId equals t.Id
                join c in db.Clients on t.ClientId equals c.Id
                join k in db.Contacts on i.ContactId equals k.Id
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                select new { Invitation = i, ContactName = k.Name, ClientName = c.Name, ServiceLineName = s.Name, t.OccurredAt, t.InvoicedAmount, t.Currency })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var rating = await db.Ratings.AsNoTracking()
                .Where(r => r.InvitationId == invitationId)
                .Select(r => new Answer(
                    r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend,
                    r.FailureCategories.Select(f => f.FailureCategoryId).ToList(), r.Comment, r.SubmittedAt))
                .SingleOrDefaultAsync(cancellationToken);

            var editWindow = options.Value.EditWindow;
            SurveyState state;
            if (rating is not null)
            {
                state = now <= rating.SubmittedAt + editWindow ? SurveyState.Editable : SurveyState.Closed;
            }
            else if (found.Invitation.IsOpenForAnswers(now))
            {
                state = SurveyState.Open;
            }
            else
            {
                return null;
            }

            var chosen = rating?.FailureCategoryIds ?? [];
            var categories = await db.FailureCategories.AsNoTracking()
                .Where(c => c.IsActive || chosen.Contains(c.Id))
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new Category(c.Id, c.Name, c.Description))
                .ToListAsync(cancellationToken);

            return new Survey(
                found.Invitation.Id, state, found.ContactName, found.ClientName, found.ServiceLineName, found.OccurredAt,
                found.InvoicedAmount, found.Currency, found.Invitation.Language, categories, rating,
                rating is null ? null : rating.SubmittedAt + editWindow);
        }
    }
}
