using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>
/// Registers a webhook endpoint (its signing secret is made here and returned once), or changes one
/// (<see cref="Command.Id"/> set; the secret stays).
/// </summary>
public static class SaveWebhookEndpoint
{
    /// <summary>The form of an existing endpoint, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Result>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public string? Url { get; init; }
        public bool AlertRaised { get; init; }
        public bool AlertResolved { get; init; }
        public bool GuaranteeInvoked { get; init; }
        public bool IsActive { get; init; } = true;

        public IReadOnlyList<string> EventTypes() =>
        [
            .. AlertRaised ? [WebhookEventTypes.AlertRaised] : Array.Empty<string>(),
            .. AlertResolved ? [WebhookEventTypes.AlertResolved] : Array.Empty<string>(),
            .. GuaranteeInvoked ? [WebhookEventTypes.GuaranteeInvoked] : Array.Empty<string>(),
        ];
    }

    /// <summary>The endpoint's id, and its new signing secret when it was just registered (null on an edit).</summary>
    public sealed record Result(Guid Id, string? Secret);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IWebhookAddressPolicy addresses)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the receiving system, such as “CRM”.").MaximumLength(Limits.Name);
            RuleFor(c => c.Url)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the address that receives the events, starting with https://.")
                .MaximumLength(WebhookEndpoint.MaxUrlLength)
                .CustomAsync(async (url, context, ct) =>
                {
                    if (await addresses.ProblemWithAsync(url!.Trim(), ct) is { } problem)
                    {
                        context.AddFailure(problem);
                    }
                });
            RuleFor(c => c.AlertRaised)
                .Must((command, _) => command.EventTypes().Count > 0)
                .WithMessage("Choose at least one event.");
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The webhook endpoint");
            return new Command
            {
                Id = endpoint.Id,
                Version = endpoint.Version,
                Name = endpoint.Name,
                Url = endpoint.Url,
                AlertRaised = endpoint.Events.Contains(WebhookEventTypes.AlertRaised),
                AlertResolved = endpoint.Events.Contains(WebhookEventTypes.AlertResolved),
                GuaranteeInvoked = endpoint.Events.Contains(WebhookEventTypes.GuaranteeInvoked),
                IsActive = endpoint.IsActive,
            };
        }
    }

    public sealed class Handler(IAppDbContext db, IWebhookSecrets secrets, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Id is not { } id)
            {
                var (secret, protectedSecret) = secrets.Create();
                var created = new WebhookEndpoint(command.Name!, command.Url!, command.EventTypes(), command.IsActive, protectedSecret, clock.GetUtcNow());
                db.WebhookEndpoints.Add(created);
                return new Result(created.Id, secret);
            }

            var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
                ?? throw new NotFoundException("The webhook endpoint");
            db.WebhookEndpoints.Entry(endpoint).Property(e => e.Version).OriginalValue = command.Version;
            endpoint.Update(command.Name!, command.Url!, command.EventTypes(), command.IsActive);
            return new Result(endpoint.Id, null);
        }
    }
}
