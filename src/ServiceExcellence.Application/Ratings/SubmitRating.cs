using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Application.Ratings;

/// <summary>
/// Records the customer's answer through their secret link, or changes it within the edit window.
/// A repeated submission edits the one rating; it never adds a second.
/// </summary>
public static class SubmitRating
{
    public sealed record Command : ICommand<Result>
    {
        public string Token { get; init; } = string.Empty;
        public int? Overall { get; init; }
        public int? Reliability { get; init; }
        public int? Responsiveness { get; init; }
        public int? FeelingValued { get; init; }
        public int? Empathy { get; init; }
        public int? Competency { get; init; }
        public int? LikelihoodToRecommend { get; init; }
        public List<Guid> FailureCategoryIds { get; init; } = [];
        public string? Comment { get; init; }
        public string Language { get; init; } = "en";
    }

    public sealed record Result(Guid RatingId, bool Edited, DateTimeOffset EditableUntil);

    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Messages are in the customer's language (the page sets the UI culture).</summary>
        public Validator(IAppDbContext db, IStringLocalizer<SurveyText> text)
        {
            RuleFor(c => c.Overall).NotNull().WithMessage(_ => text["ErrorScore"])
                .InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.Reliability).InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.Responsiveness).InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.FeelingValued).InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.Empathy).InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.Competency).InclusiveBetween(1, 5).WithMessage(_ => text["ErrorScore"]);
            RuleFor(c => c.LikelihoodToRecommend).InclusiveBetween(0, 10).WithMessage(_ => text["ErrorRecommend"]);
            RuleFor(c => c.Comment).MaximumLength(Rating.MaxCommentLength).WithMessage(_ => text["ErrorComment"]);
            RuleFor(c => c.Language).NotEmpty().MaximumLength(10);
            RuleFor(c => c.FailureCategoryIds)
                .Must(ids => ids.Count <= 20).WithMessage(_ => text["ErrorCategories"])
                .MustAsync(async (command, ids, ct) => ids.Count == 0 || await OfferedAsync(db, command.Token, ids, ct) == ids.Distinct().Count())
                .WithMessage(_ => text["ErrorCategories"]);
        }

        /// <summary>
        /// How many of <paramref name="ids"/> the form can offer: the active categories, and those this link's
        /// answer already names (a category retired since stays on the answer when it is changed).
        /// </summary>
        private static Task<int> OfferedAsync(IAppDbContext db, string token, List<Guid> ids, CancellationToken cancellationToken)
        {
            var hash = SurveyTokens.HashOf(token);
            var namedBefore =
                from t in db.SurveyLinkTokens
                where t.Hash == hash
                join r in db.Ratings on t.InvitationId equals r.InvitationId
                join f in db.RatingFailureCategories on r.Id equals f.RatingId
                select f.FailureCategoryId;
            return db.FailureCategories.CountAsync(c => ids.Contains(c.Id) && (c.IsActive || namedBefore.Contains(c.Id)), cancellationToken);
        }
    }

    public sealed class Handler(IAppDbContext db, AlertRaiser alerts, IOptions<SurveyOptions> options, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // The link, its invitation (tracked: it is marked responded) and the transaction's keys in one query.
            var hash = SurveyTokens.HashOf(command.Token) ?? throw new NotFoundException("The survey");
            var found = await (
                from t in db.SurveyLinkTokens
                where t.Hash == hash
                join i in db.SurveyInvitations on t.InvitationId equals i.Id
                join x in db.Transactions on i.TransactionId equals x.Id
                select new { Invitation = i, x.ClientId, x.ServiceLineId, x.PerformedByTeamId })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The survey");
            var invitation = found.Invitation;
            var now = clock.GetUtcNow();
            var editWindow = options.Value.EditWindow;
            var answer = new RatingAnswer(
                command.Overall, command.Reliability, command.Responsiveness, command.FeelingValued, command.Empathy,
                command.Competency, command.LikelihoodToRecommend, command.FailureCategoryIds, command.Comment, command.Language);

            // An invitation is marked responded in the transaction that stores its rating: before that there is none to read.
            var rating = invitation.RespondedAt is null
                ? null
                : await db.Ratings.Include(r => r.FailureCategories).SingleOrDefaultAsync(r => r.InvitationId == invitation.Id, cancellationToken);
            if (rating is not null)
            {
                rating.Edit(answer, now, editWindow);

                // A changed answer that is now poor raises its alert then (at most one per rating).
                await alerts.RaiseForRatingAsync(rating, isNew: false, cancellationToken);
                return new Result(rating.Id, Edited: true, rating.SubmittedAt + editWindow);
            }

            if (!invitation.IsOpenForAnswers(now))
            {
                throw new NotFoundException("The survey");
            }

            rating = new Rating(invitation.Id, invitation.TransactionId, found.ClientId, invitation.ContactId, found.ServiceLineId, found.PerformedByTeamId, now);
            rating.Answer(answer);
            db.Ratings.Add(rating);

            // The invitation's concurrency token makes a simultaneous second first-submission a conflict, not a second rating.
            invitation.MarkResponded(now);

            // The early warning is part of recording the rating: same transaction, no delay.
            await alerts.RaiseForRatingAsync(rating, isNew: true, cancellationToken);
            return new Result(rating.Id, Edited: false, now + editWindow);
        }
    }
}
