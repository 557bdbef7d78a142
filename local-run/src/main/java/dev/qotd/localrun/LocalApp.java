package dev.qotd.localrun;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The whole app on one machine: quote-service, time-service and frontend-service as three
 * JVM processes on 127.0.0.1, the frontend wired to the other two by URL, as Kubernetes
 * wires it to {@code quote-svc} and {@code time-svc}. Used by {@code ./run-local}, the
 * end-to-end tests and the benchmark alike.
 */
public final class LocalApp implements AutoCloseable {

	/** Generous: three JVMs start at once on a small, busy machine. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/** Longer than the services' own shutdown timeout (20 s), so that they end by themselves. */
	static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final Builder settings;

	private final Map<Service, ServiceProcess> processes = new ConcurrentHashMap<>();

	private boolean closed;

	private final Map<Service, StartupCache.Launch> launches = new ConcurrentHashMap<>();

	private LocalApp(Builder settings) {
		this.settings = settings;
	}

	public static Builder builder(Path projectDir) {
		return new Builder(projectDir);
	}

	public ServiceProcess process(Service service) {
		return this.processes.get(service);
	}

	/** Where a user points curl or a browser. */
	public URI frontendUrl() {
		return process(Service.FRONTEND).baseUrl();
	}

	public Ports ports() {
		return this.settings.ports;
	}

	/** Starts {@code service} again on its port (after a kill, say) and waits until it is ready. */
	public ServiceProcess restart(Service service) {
		ServiceProcess old = this.processes.get(service);
		if (old != null) {
			old.stop(STOP_GRACE);
		}
		ServiceProcess started = launch(service);
		started.awaitReady(START_TIMEOUT);
		return started;
	}

	/** Whether any of the three runs. */
	public boolean isRunning() {
		return this.processes.values().stream().anyMatch(ServiceProcess::isAlive);
	}

	/**
	 * Stops all three gracefully (SIGTERM), forcibly those still running after 30 s. Called
	 * while {@link #start} is still at work (from a shutdown hook, say), it also keeps it from
	 * starting any more.
	 */
	@Override
	public void close() {
		Map<Service, ServiceProcess> started;
		synchronized (this) {
			this.closed = true;
			started = Map.copyOf(this.processes);
		}
		try {
			forEachAtOnce(started.keySet(), "stop", (service) -> started.get(service).stop(STOP_GRACE));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			started.values().forEach(ServiceProcess::kill);
		}
	}

	/**
	 * Starts the three services and waits until all are ready.
	 * @throws LocalRunException naming what went wrong (a port taken, a jar missing, a
	 * service that failed to start, with the end of its log)
	 */
	public LocalApp start() {
		this.settings.ports.checkAvailable();
		prepareLaunches();
		try {
			for (Service service : Service.values()) {
				launch(service);
			}
			for (ServiceProcess process : this.processes.values()) {
				process.awaitReady(START_TIMEOUT);
			}
			return this;
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Makes the start-up caches the three services lack, at the same time. */
	private void prepareLaunches() {
		Map<Service, StartupCache> caches = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			Path jar = ServiceJars.locate(this.settings.projectDir, service);
			caches.put(service, new StartupCache(service, jar, this.settings.jvmOptions));
		}
		if (caches.values().stream().anyMatch(StartupCache::isStale)) {
			this.settings.progress.accept("Preparing the services' start-up caches, once after each build (about 20 s)...");
		}
		try {
			forEachAtOnce(caches.keySet(), "prepare",
					(service) -> this.launches.put(service, caches.get(service).prepare(this.settings.progress)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalRunException("Interrupted while preparing the start-up caches", ex);
		}
	}

	/** Runs {@code task} for each service at the same time, each in a thread of its own, and waits for all. */
	private static void forEachAtOnce(Collection<Service> services, String threadName, Consumer<Service> task)
			throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (Service service : services) {
			Thread thread = new Thread(() -> task.accept(service), threadName + "-" + service.module());
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	private synchronized ServiceProcess launch(Service service) {
		if (this.closed) {
			throw new LocalRunException("Stopped before %s started".formatted(service.module()));
		}
		ServiceProcess started = ServiceProcess.start(service, this.launches.get(service), this.settings.ports.of(service),
				this.settings.jvmOptions, this.settings.environmentOf(service), this.settings.logDirectory);
		this.processes.put(service, started);
		return started;
	}

	/** What to start: where the project is, on which ports, with which extra settings. */
	public static final class Builder {

		private final Path projectDir;

		private Ports ports = Ports.defaults();

		private List<String> jvmOptions = defaultJvmOptions();

		private Path logDirectory;

		private Consumer<String> progress = System.out::println;

		private final Map<Service, Map<String, String>> environment = new EnumMap<>(Service.class);

		private Builder(Path projectDir) {
			this.projectDir = projectDir.toAbsolutePath().normalize();
			this.logDirectory = this.projectDir.resolve("local-run/target/logs");
		}

		/**
		 * What the images run with, sized as the pods are (a 64 MB heap, 25% of their 256Mi
		 * limit; the live set is about 35 MB): without them each JVM would size its heap
		 * from the machine's memory and take several hundred MB. Native memory freed by the
		 * JIT compilers goes back to the system every 5 s where the JVM has the option (on
		 * older updates it would refuse to start).
		 */
		static List<String> defaultJvmOptions() {
			List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx64m"));
			if (canTrimNativeHeap(Runtime.version())) {
				options.add("-XX:TrimNativeHeapInterval=5000");
			}
			return List.copyOf(options);
		}

		static boolean canTrimNativeHeap(Runtime.Version version) {
			return version.feature() > 21 || (version.feature() == 21 && version.update() >= 1)
					|| (version.feature() == 17 && version.update() >= 11);
		}

		public Builder ports(Ports ports) {
			this.ports = ports;
			return this;
		}

		public Builder jvmOptions(List<String> jvmOptions) {
			this.jvmOptions = List.copyOf(jvmOptions);
			return this;
		}

		/** Where to say what takes a while or did not work out, on standard output by default. */
		public Builder progress(Consumer<String> progress) {
			this.progress = progress;
			return this;
		}

		public Builder logDirectory(Path logDirectory) {
			this.logDirectory = logDirectory;
			return this;
		}

		/** An environment variable for one service ({@code QUOTES}, say), over the defaults. */
		public Builder environment(Service service, String name, String value) {
			this.environment.computeIfAbsent(service, (key) -> new LinkedHashMap<>()).put(name, value);
			return this;
		}

		/** The environment {@code service} is started with. */
		Map<String, String> environmentOf(Service service) {
			int port = this.ports.of(service);
			Map<String, String> environment = new LinkedHashMap<>();
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("SERVER_ADDRESS", "127.0.0.1");
			environment.put("POD_NAME", service.shortName() + "-local-" + port);
			environment.put("POD_IP", "127.0.0.1");
			if (service == Service.FRONTEND) {
				environment.put("QUOTE_SERVICE_URL", "http://127.0.0.1:" + this.ports.of(Service.QUOTE));
				environment.put("TIME_SERVICE_URL", "http://127.0.0.1:" + this.ports.of(Service.TIME));
			}
			environment.putAll(this.environment.getOrDefault(service, Map.of()));
			return environment;
		}

		/** The app, not started yet. */
		public LocalApp build() {
			return new LocalApp(this);
		}

		/** Builds the app and {@linkplain LocalApp#start() starts} it. */
		public LocalApp start() {
			return build().start();
		}

	}

}
