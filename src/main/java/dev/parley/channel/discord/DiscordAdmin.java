package dev.parley.channel.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.parley.channel.AdminChannel;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.ChannelStatus;
import dev.parley.channel.Interactions;
import dev.parley.channel.SentCard;
import dev.parley.channel.StartRetries;
import dev.parley.command.CommandCatalog;
import dev.parley.command.CommandReply;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * The Discord admin channel as {@code Parley} wires it, on JDA: a gateway connection with no privileged intents, the
 * catalog's slash commands registered in the configured guild (instant) or globally, and the interactions they bring.
 * A slash command runs as {@code discord:<user id>} in the user's client language until {@code /lang}; its answer goes
 * back through the interaction — at once when ready within Discord's 3 s, else deferred and edited in when done. A
 * button press replaces the card it was pressed on (an update of the message); a press that does not run is answered
 * with a message only the presser sees, and the card stays. Start-up never blocks the service: a named thread
 * connects, retrying with back-off. Only this package imports JDA.
 */
public final class DiscordAdmin extends ListenerAdapter implements AdminChannel {
    private static final Logger LOG = Logger.getLogger(DiscordAdmin.class.getName());
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);
    private static final int EVENT_THREADS = 4;

    private final DiscordSettings settings;
    private final SlashCommands slashCommands;
    private final Messages messages;
    private final Interactions interactions;
    private final ScheduledExecutorService deferrals;
    private final Thread starter;
    private volatile JDA jda;
    private volatile String state = "starting";
    private volatile String lastError;
    private volatile boolean closed;

    private DiscordAdmin(DiscordSettings settings, ChannelGateway gateway, ChannelDeliveries deliveries,
                         CommandCatalog catalog, Messages messages) {
        this.settings = settings;
        this.slashCommands = new SlashCommands(catalog, messages);
        this.messages = messages;
        this.interactions = Interactions.of(gateway, deliveries, new DiscordChannel(() -> jda), ANSWER_WITHIN);
        AtomicInteger n = new AtomicInteger();
        this.deferrals = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("parley-discord-defer-" + n.incrementAndGet()).unstarted(r));
        this.starter = Thread.ofPlatform().daemon().name("parley-discord-start").unstarted(this::connect);
    }

    /**
     * @param settings   the {@code parley.discord.*} settings
     * @param gateway    runs commands and follows live cards
     * @param deliveries background posts (alerts) and live card edits
     * @param catalog    the commands to register
     * @param messages   localized texts
     * @return the channel, when a token is configured
     */
    public static java.util.Optional<DiscordAdmin> create(DiscordSettings settings, ChannelGateway gateway,
                                                          ChannelDeliveries deliveries, CommandCatalog catalog,
                                                          Messages messages) {
        if (!settings.configured()) {
            LOG.info("Discord is not configured (PARLEY_DISCORD_TOKEN): no Discord admin channel");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DiscordAdmin(settings, gateway, deliveries, catalog, messages));
    }

    @Override
    public String name() {
        return DiscordChannel.NAME;
    }

    @Override
    public void start() {
        starter.start();
    }

    private void connect() {
        StartRetries.run(() -> {
            JDABuilder builder = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                    .setEnableShutdownHook(false)
                    // a press waits up to 2.5 s for its answer: never on the gateway's read thread
                    .setEventPool(eventThreads(), true)
                    .addEventListeners(this);
            if (!settings.gatewayUrl().isEmpty()) {
                String gatewayUrl = settings.gatewayUrl();
                builder.setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                }).setCompression(Compression.NONE);
            }
            JDA client = builder.build();
            try {
                client.awaitReady();
                register(client);
            } catch (InterruptedException | RuntimeException e) {
                client.shutdownNow();
                throw e;
            }
            jda = client;
            state = "running";
            LOG.info("Discord bot " + client.getSelfUser().getName() + " ready; slash commands registered "
                    + (settings.guild().isEmpty() ? "globally" : "in guild " + settings.guild()));
        }, () -> closed, (e, pause) -> {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warning("Discord is not reachable yet (" + lastError + "); trying again in " + pause.toSeconds() + " s");
        });
    }

    private static java.util.concurrent.ExecutorService eventThreads() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(EVENT_THREADS,
                r -> Thread.ofPlatform().daemon().name("parley-discord-event-" + n.incrementAndGet()).unstarted(r));
    }

    private void register(JDA client) {
        Guild guild = settings.guild().isEmpty() ? null : client.getGuildById(settings.guild());
        if (guild != null) {
            guild.updateCommands().addCommands(slashCommands.all()).complete();
        } else {
            if (!settings.guild().isEmpty()) {
                LOG.warning("Discord guild " + settings.guild() + " is not one the bot is in: commands registered globally");
            }
            client.updateCommands().addCommands(slashCommands.all()).complete();
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Map<String, OptionMapping> options = event.getOptions().stream()
                .collect(Collectors.toMap(OptionMapping::getName, o -> o, (a, b) -> a, LinkedHashMap::new));
        String text = slashCommands.commandText(event.getName(), event.getSubcommandName(), options);
        String chatId = event.getChannelId();
        Identity who = new Identity(DiscordChannel.NAME, event.getUser().getId());
        SlashAnswer answer = new SlashAnswer(event);
        answer.deferLater();
        interactions.typed(new Interactions.Typed(who, chatId, text, text, event.getUserLocale().getLocale(), null, null),
                answer::show);
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String chatId = event.getChannelId();
        SentCard pressedOn = new SentCard(DiscordChannel.NAME, chatId, event.getMessageId());
        interactions.pressed(new Interactions.Press(new Identity(DiscordChannel.NAME, event.getUser().getId()), chatId,
                event.getComponentId(), event.getUserLocale().getLocale(), pressedOn), new Interactions.PressResponse() {
            @Override
            public void refused(CommandReply reply) {
                event.reply(DiscordCards.create(reply.card(), List.of())).setEphemeral(true).queue();
            }

            @Override
            public boolean answered(CommandReply reply) {
                event.editMessage(DiscordCards.edit(reply.card(), reply.actionIds())).complete();
                return true;
            }

            @Override
            public void working(String locale) {
                event.deferEdit().queue();
            }

            @Override
            public void failed(String locale) {
                event.reply(messages.text(locale, "discord.press_failed")).setEphemeral(true).queue();
            }
        });
    }

    /** The answer to one slash command: sent with the interaction's response, or edited in after a deferral. */
    private final class SlashAnswer {
        private final SlashCommandInteractionEvent event;
        private boolean deferred;
        private boolean answered;
        private ScheduledFuture<?> deferral;

        SlashAnswer(SlashCommandInteractionEvent event) {
            this.event = event;
        }

        synchronized void deferLater() {
            deferral = deferrals.schedule(this::defer, ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void defer() {
            if (!answered) {
                deferred = true;
                event.deferReply().complete();
            }
        }

        synchronized SentCard show(CommandReply reply) {
            answered = true;
            deferral.cancel(false);
            Message shown = deferred
                    ? event.getHook().editOriginal(DiscordCards.edit(reply.card(), reply.actionIds())).complete()
                    : event.reply(DiscordCards.create(reply.card(), reply.actionIds())).complete().retrieveOriginal().complete();
            return new SentCard(DiscordChannel.NAME, event.getChannelId(), shown.getId());
        }
    }

    @Override
    public ChannelStatus status() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state);
        details.put("commands", settings.guild().isEmpty() ? "global" : "guild " + settings.guild());
        JDA client = jda;
        if (client != null) {
            details.put("bot", client.getSelfUser().getName());
        }
        if (lastError != null) {
            details.put("lastError", lastError);
        }
        return new ChannelStatus(!"starting".equals(state) || lastError == null, "channel.status.discord",
                Map.of("state", state, "bot", client == null ? "—" : client.getSelfUser().getName()), details);
    }

    /** Stops connecting, closes the gateway (waiting briefly) and lets the commands in progress finish; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        starter.interrupt();
        JDA client = jda;
        if (client != null) {
            client.shutdown();
            try {
                if (!client.awaitShutdown(Duration.ofSeconds(5))) {
                    client.shutdownNow();
                }
            } catch (InterruptedException e) {
                client.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        deferrals.shutdownNow();
        interactions.close();
        state = "stopped";
    }
}
