using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Privacy;

namespace ServiceExcellence.Application.Privacy;

/// <summary>
/// Erases a contact on request, in one transaction: name replaced by a neutral label, email removed, opted out for good;
/// rating comments, guarantee reasons and delivery errors removed; link tokens and emails addressed to them deleted.
/// Ratings keep their scores, dimensions and failure categories, so every figure stays as it was. Erasing again is harmless.
/// </summary>
public static class EraseContact
{
    public sealed record Command : ICommand<Result>
    {
        public Guid ClientId { get; init; }
        public Guid ContactId { get; init; }

        /// <summary>The contact's name typed again, so nobody erases the wrong person by a slip.</summary>
        public string? Confirmation { get; init; }
    }

    public sealed record Result(bool AlreadyErased, string Summary);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Confirmation)
                .NotEmpty().WithMessage("Type the contact's name to confirm.")
                .MustAsync(async (command, typed, ct) =>
                {
                    var name = await db.Contacts.Where(k => k.Id == command.ContactId && k.ClientId == command.ClientId)
                        .Select(k => k.Name).SingleOrDefaultAsync(ct);
                    return name is null || string.Equals(name.Trim(), typed?.Trim(), StringComparison.OrdinalIgnoreCase);
                })
                .WithMessage("The name does not match this contact's name.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            PrivacyAccess.RequireAdministrator(user);
            var contactId = command.ContactId;
            var contact = await db.Contacts.SingleOrDefaultAsync(k => k.Id == contactId && k.ClientId == command.ClientId, cancellationToken)
                ?? throw new NotFoundException("The contact");
            var wasErased = contact.IsErased;
            var now = clock.GetUtcNow();

            // Emails first, while the address is still known to find those sent to it.
            var emails = await ContactPrivacy.AddressedTo(db, contactId, contact.Email).ExecuteDeleteAsync(cancellationToken);
            var tokens = await db.SurveyLinkTokens
                .Where(t => db.SurveyInvitations.Any(i => i.Id == t.InvitationId && i.ContactId == contactId))
                .ExecuteDeleteAsync(cancellationToken);

            var invitations = await db.SurveyInvitations.Where(i => i.ContactId == contactId).ToListAsync(cancellationToken);
            invitations.ForEach(i => i.Close());

            var ratings = await db.Ratings
                .Where(r => (r.ContactId == contactId || db.SurveyInvitations.Any(i => i.Id == r.InvitationId && i.ContactId == contactId))
                    && r.Comment != null)
                .ToListAsync(cancellationToken);
            ratings.ForEach(r => r.RemoveComment());

            var guarantees = await db.GuaranteeInvocations
                .Where(g => g.ContactId == contactId && g.Reason != Domain.Guarantees.GuaranteeInvocation.ErasedReason)
                .ToListAsync(cancellationToken);
            guarantees.ForEach(g => g.EraseReason());

            contact.Erase(now);

            var summary = $"Name and email removed, opted out; {ratings.Count} rating comments and {guarantees.Count} guarantee reasons removed; "
                + $"{tokens} link tokens and {emails} emails deleted; {invitations.Count} invitations closed. Rating scores kept.";
            if (wasErased && emails + tokens + ratings.Count + guarantees.Count == 0)
            {
                return new Result(AlreadyErased: true, "This contact was already erased; nothing was left to remove.");
            }

            var (actorId, actorName) = await PrivacyAccess.ActorAsync(db, user, cancellationToken);
            db.PrivacyAudit.Add(new PrivacyAuditEntry(now, actorId, actorName, PrivacyAction.Erased, contactId, summary));
            return new Result(AlreadyErased: false, summary);
        }
    }
}
