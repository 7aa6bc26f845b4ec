using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Clients;

/// <summary>Adds a contact to a client, or changes one of its contacts (<see cref="Command.Id"/> set).</summary>
public static class SaveContact
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid ClientId, Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid ClientId { get; init; }
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public string? Email { get; init; }
        public string Language { get; init; } = "en";
        public bool OptedOut { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the contact's name.").MaximumLength(Limits.Name);
            RuleFor(c => c.Email)
                .MaximumLength(Limits.Email)
                .EmailAddress().WithMessage("Enter a valid email address, or leave it empty.")
                .MustAsync(async (command, email, ct) => string.IsNullOrWhiteSpace(email)
                    || !await db.Contacts.AnyAsync(k => k.ClientId == command.ClientId && k.Email == email.Trim().ToLower() && k.Id != command.Id, ct))
                .WithMessage("This client already has a contact with this email.");
            RuleFor(c => c.Language)
                .NotEmpty().WithMessage("Choose the language of the surveys.")
                .Matches("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$").WithMessage("Use a language tag such as en, de or pt-BR.");
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Contacts.AsNoTracking()
                .Where(k => k.Id == query.Id && k.ClientId == query.ClientId)
                .Select(k => new Command
                {
                    ClientId = k.ClientId,
                    Id = k.Id,
                    Version = k.Version,
                    Name = k.Name,
                    Email = k.Email,
                    Language = k.Language,
                    OptedOut = k.OptedOut,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The contact");
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken)
                ?? throw new NotFoundException("The client");
            if (command.Id is not { } id)
            {
                return client.AddContact(command.Name!, command.Email, command.Language).Id;
            }

            var contact = client.Contacts.SingleOrDefault(k => k.Id == id) ?? throw new NotFoundException("The contact");
            db.Contacts.Entry(contact).Property(k => k.Version).OriginalValue = command.Version;
            contact.Update(command.Name!, command.Email, command.Language, command.OptedOut);
            return contact.Id;
        }
    }
}
