using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Integrations;

/// <summary>A transaction as the API shows it to the source system that posted it, with its survey and rating.</summary>
public static class ApiTransaction
{
    /// <summary>Only transactions of the caller's own source are found.</summary>
    public sealed record Query(Guid Id, string SourceSystem) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string ExternalReference, string? ClientReference, ContactModel Contact, string ServiceLine, string? PerformedBy,
        DateTimeOffset OccurredAt, Channel Channel, decimal InvoicedAmount, string Currency, InvitationModel? Invitation, RatingModel? Rating);

    public sealed record ContactModel(string? Email, string Name, string Language);

    /// <summary>The survey invitation: its status and, when no survey was sent, why.</summary>
    public sealed record InvitationModel(InvitationStatus Status, SuppressionReason? SuppressionReason, DateTimeOffset? SentAt, DateTimeOffset? RespondedAt);

    /// <summary>The customer's scores (the comment is not shared with other systems).</summary>
    public sealed record RatingModel(
        int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency, int? LikelihoodToRecommend,
        DateTimeOffset SubmittedAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = query.SourceSystem.Trim().ToLowerInvariant();
            var t = await db.Transactions.AsNoTracking()
                .Where(t => t.Id == query.Id && t.SourceSystem == source)
                .Select(t => new
                {
                    t.Id,
                    t.ExternalReference,
                    ClientReference = db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.ExternalId).First(),
                    t.ContactId,
                    ServiceLine = db.ServiceLines.Where(s => s.Id == t.ServiceLineId).Select(s => s.Code).First(),
                    PerformedBy = db.People.Where(p => p.Id == t.PerformedByPersonId).Select(p => p.Email).FirstOrDefault(),
                    t.OccurredAt,
                    t.Channel,
                    t.InvoicedAmount,
                    t.Currency,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (t is null)
            {
                throw new NotFoundException("The transaction");
            }

            // One small query by key each: projected into one statement, EF numbers every contact, invitation
            // and rating of the database to pick one (a scan that grew with the tables).
            var contact = await db.Contacts.AsNoTracking().Where(k => k.Id == t.ContactId)
                .Select(k => new ContactModel(k.Email, k.Name, k.Language)).FirstAsync(cancellationToken);
            var invitation = await db.SurveyInvitations.AsNoTracking().Where(i => i.TransactionId == t.Id).OrderBy(i => i.Id)
                .Select(i => new InvitationModel(i.Status, i.SuppressionReason, i.SentAt, i.RespondedAt)).FirstOrDefaultAsync(cancellationToken);
            var rating = await db.Ratings.AsNoTracking().Where(r => r.TransactionId == t.Id).OrderBy(r => r.Id)
                .Select(r => new RatingModel(r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend, r.SubmittedAt))
                .FirstOrDefaultAsync(cancellationToken);
            var model = new Model(
                t.Id, t.ExternalReference, t.ClientReference, contact, t.ServiceLine, t.PerformedBy, t.OccurredAt, t.Channel,
                t.InvoicedAmount, t.Currency, invitation, rating);
            return model;
        }
    }
}
