import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { H2_VERSION, MONGO_JAVA_SERVER_VERSION, type StackLayout } from './layout.js'
import { ensureMavenJars } from './maven-jars.js'
import { spawnDetached } from './processes.js'
import type { MongoCommitMode, StackConfig } from './stack-config.js'

/**
 * The embedded default: mongo-java-server, a MongoDB wire server in Java that applies each write to a
 * document under the collection's lock (single-document atomicity, like MongoDB). Its stock main classes
 * bind only port 27017, so a launcher (run as a single source file) chooses the port, the backend and a
 * server version the Node driver accepts.
 *
 * Persistence is the H2 backend's MVStore file. Left alone, MVStore writes in the background about once a
 * second, so a `kill -9` lost most of what had been acknowledged (89 of 2,000 inserts survived). In `ack`
 * mode the launcher commits the store after every command that may have written and before its reply
 * leaves: what the client saw acknowledged is in the file (in the OS page cache: a kill -9 cannot lose it;
 * a power cut before the kernel flushes can, as nothing calls fsync). Concurrent writers share commits:
 * `commit()` waits for a commit in progress and then finds nothing left to write. A shutdown hook closes
 * the store on SIGTERM, which commits whatever the background mode had not written yet.
 *
 * The launcher file is rewritten when its text changes, so a changed launcher reaches existing caches.
 */
const LAUNCHER = `import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.mvstore.MVStore;

public class Launcher {
  // Its enum stops at 4.0 (wire 7); the Node driver 6 requires wire 8, which the server handles.
  static final MongoVersion MONGO_4_2 = new MongoVersion() {
    public List<Integer> getVersionArray() { return List.of(4, 2, 0); }
    public int getWireVersion() { return 8; }
  };

  // Commands that never change data (lower case). Any other command commits before it is answered;
  // a commit with nothing to write only takes the store lock.
  static final Set<String> READ_ONLY = Set.of(
    "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
    "ping", "hello", "ismaster", "buildinfo", "serverstatus", "whatsmyuri", "killcursors",
    "endsessions", "dbstats", "collstats", "getlasterror", "getparameter", "connectionstatus",
    "hostinfo", "getcmdlineopts", "getlog", "explain");

  // mongo-java-server answers with the stored document objects themselves, updates them in place, and
  // encodes a reply after the collection lock is released: a concurrent update could leak into a reply
  // or tear it (40 concurrent findOneAndUpdate $inc 'after' returned only 30-38 distinct counts). The
  // collections below copy what a client's query or findAndModify returns while they still hold the
  // lock; the queries an update runs internally get the stored objects (the memory backend updates the
  // object it is handed in place).
  static List<Document> copies(List<Document> documents) {
    return documents.stream().map(Document::cloneDeeply).collect(Collectors.toList());
  }

  static Document copy(Document document) {
    return document == null ? null : document.cloneDeeply();
  }

  // mongo-java-server uses an index only for a query whose fields are exactly the index's fields, so
  // {_id: x, 'stages.chat.status': {$in: [...]}} -- every conditional stage update, and the
  // latest_jobs upsert -- scanned the whole collection (1.4 s at 100k jobs). For a query that names
  // _id beside other conditions, the collections below ask the _id index for the candidates and
  // match the whole query on them (matchDocuments applies every condition again), as MongoDB does.
  // null: the query does not name _id beside other fields, or the _id index cannot answer it.
  static <P> Iterable<P> byIdFirst(List<Index<P>> indexes, Document query) {
    if (query.size() < 2 || !query.containsKey("_id")) return null;
    Document byId = new Document("_id", query.get("_id"));
    for (Index<P> index : indexes) if (index.canHandle(byId)) return index.getPositions(byId);
    return null;
  }

  // Set before the backend opens: collections are created from inside the database's constructor.
  static MVStore store;

  static final class H2Store extends H2Backend {
    final boolean commitOnAck;

    H2Store(MVStore store, boolean commitOnAck) {
      super(store);
      this.commitOnAck = commitOnAck;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
      return new H2Database(name, store, getCursorRegistry()) {
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
          String ns = getFullCollectionNamespace(collection);
          // The map names H2Database itself uses ("databases." and "meta." prefixes, 1.46.0).
          return new H2Collection(this, collection, options, store.openMap("databases." + ns),
              store.openMap("meta." + ns), cursorRegistry) {
            // Both guarded by the collection lock, which every method below holds.
            boolean modifying;
            boolean replying;

            @Override
            public synchronized QueryResult handleQuery(QueryParameters parameters) {
              // findAndModify's own query must hand it the stored document it then updates.
              if (modifying) return super.handleQuery(parameters);
              replying = true;
              try {
                return super.handleQuery(parameters);
              } finally {
                replying = false;
              }
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                int batchSize, Document fieldSelector) {
              Iterable<Object> candidates = byIdFirst(getIndexes(), query);
              if (candidates == null) return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
              return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
            }

            @Override
            protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
              return super.createQueryResult(replying ? copies(matched) : matched, batchSize);
            }

            @Override
            public synchronized Document findAndModify(Document query) {
              modifying = true;
              try {
                return copy(super.findAndModify(query));
              } finally {
                modifying = false;
              }
            }
          };
        }
      };
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      try {
        return super.handleCommand(channel, database, command, query);
      } finally {
        // Also after a failed command: an unordered insertMany that hit a duplicate wrote the others.
        if (commitOnAck && !READ_ONLY.contains(command.toLowerCase(Locale.ROOT))) getMvStore().commit();
      }
    }
  }

  static final class MemoryStore extends MemoryBackend {
    @Override
    public MemoryDatabase openOrCreateDatabase(String name) {
      return new MemoryDatabase(name, getCursorRegistry()) {
        @Override
        protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
          return new MemoryCollection(this, collection, options, cursorRegistry) {
            // Both guarded by the collection lock, which every method below holds.
            boolean modifying;
            boolean replying;

            @Override
            public synchronized QueryResult handleQuery(QueryParameters parameters) {
              // findAndModify's own query must hand it the stored document it then updates.
              if (modifying) return super.handleQuery(parameters);
              replying = true;
              try {
                return super.handleQuery(parameters);
              } finally {
                replying = false;
              }
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                int batchSize, Document fieldSelector) {
              Iterable<Integer> candidates = byIdFirst(getIndexes(), query);
              if (candidates == null) return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
              return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
            }

            @Override
            protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
              return super.createQueryResult(replying ? copies(matched) : matched, batchSize);
            }

            @Override
            public synchronized Document findAndModify(Document query) {
              modifying = true;
              try {
                return copy(super.findAndModify(query));
              } finally {
                modifying = false;
              }
            }
          };
        }
      };
    }
  }

  // args: <port> <memory | path of the MVStore file> [ack | background]
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String storage = args[1];
    String commit = args.length > 2 ? args[2] : "ack";
    MongoBackend backend;
    if (storage.equals("memory")) {
      backend = new MemoryStore();
    } else {
      store = new MVStore.Builder().fileName(storage).open();
      backend = new H2Store(store, !commit.equals("background"));
    }
    backend.version(MONGO_4_2);
    MongoServer server = new MongoServer(backend);
    // SIGTERM (\`down\`): close the clients, then the backend, which commits and closes the store.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      System.out.println("mongo-java-server stopped; storage closed");
    }));
    server.bind("127.0.0.1", port);
    System.out.println("mongo-java-server listening on 127.0.0.1:" + port + " (" + storage + ", commit " + commit + ")");
    Thread.currentThread().join();
  }
}
`

/** Fetches the jars once and (re)writes the launcher; returns false when the jars were already there. */
export async function ensureMongoJavaServer(layout: StackLayout): Promise<boolean> {
  const artifact = (artifactId: string) => ({
    groupId: 'de.bwaldvogel',
    artifactId,
    version: MONGO_JAVA_SERVER_VERSION,
  })
  const fetched = await ensureMavenJars({
    projectId: 'vodscope-mongo-java-server',
    dependencies: [
      artifact('mongo-java-server-memory-backend'),
      artifact('mongo-java-server-h2-backend'),
      // Pinned: the backend's own build asks for H2's latest release.
      { groupId: 'com.h2database', artifactId: 'h2', version: H2_VERSION },
    ],
    pomFile: layout.cache.mongoJavaPom,
    libsDir: layout.cache.mongoJavaLibs,
    logFile: join(layout.cache.logsDir, 'mongo-java-server-jars.log'),
  })
  writeLauncher(layout.cache.mongoJavaLauncher)
  return fetched
}

/** Several stacks may start at once: write only a changed launcher, and atomically, so none reads half. */
function writeLauncher(file: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === LAUNCHER) return
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial-${process.pid}`
  writeFileSync(partial, LAUNCHER)
  renameSync(partial, file)
}

export interface MongoJavaOptions {
  /** `memory` keeps nothing across a restart; `h2` keeps its data in the stack folder. */
  storage: 'h2' | 'memory'
  commit: MongoCommitMode
}

export function startMongoJavaServer(
  config: StackConfig,
  layout: StackLayout,
  { storage, commit }: MongoJavaOptions,
): { pid: number } {
  const { dataFile, log } = layout.mongoJava
  if (storage === 'h2') mkdirSync(dirname(dataFile), { recursive: true })
  return spawnDetached(
    'java',
    [
      '-Xms64m',
      // The memory backend holds every document; H2 caches pages (16 MB by default) and reads the rest
      // from its file. Capped either way, so the server cannot take the machine.
      '-Xmx512m',
      mongoJavaMarker(layout),
      '-cp',
      `${layout.cache.mongoJavaLibs}/*`,
      layout.cache.mongoJavaLauncher,
      String(config.mongoPort),
      storage === 'h2' ? dataFile : 'memory',
      commit,
    ],
    log,
  )
}

/** Names this stack on the command line, so `down` recognises its own process. */
export function mongoJavaMarker(layout: StackLayout): string {
  return `-Dvodscope.stack=${layout.stackDir}`
}
