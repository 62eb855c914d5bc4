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
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  // mongo-java-server 1.46 does not implement non-unique indexes (it creates an EmptyIndex and logs "not
  // yet implemented"), so every query without _id scanned its collection: the job list (newest 20 jobs
  // by createdAt) took 2.8 s at 100k jobs. OrderedIndex keeps such an index in memory, in the index's
  // key order, built from the stored documents by the first query that can use it and kept current by
  // every write after that; nothing of it is persisted. orderedCandidates uses it for a query whose plain equality conditions cover the
  // index's first fields, or (with a limit) whose sort continues the index after them: it then walks
  // the index in sort order and stops after skip + limit matching documents. The caller hands those
  // candidates to matchDocuments, which applies the whole query, the sort, skip and limit again, so an
  // index can only narrow the candidates, never change a result. An index over a field that has held
  // an array (multikey, where MongoDB indexes each element) is no longer used for queries.
  static final class OrderedIndex<P> extends Index<P> {
    // Sorts after every value: the end of the range of keys that start with a prefix.
    static final Object AFTER = new Object();
    static final ValueComparator VALUES = ValueComparator.asc();

    final List<IndexKey> fields;
    final TreeMap<List<Object>, Object> tree; // key values -> a position, or a Positions of several
    final Map<Object, P> byId = new HashMap<>(); // _id -> position, for remove(document)
    volatile boolean multikey;
    // Built by the first query that can use it (one read of the collection), not when the server opens
    // the collection: a store of half a million jobs would otherwise take a minute to start, and an
    // index no query uses costs no memory. Until then the writes below leave it alone.
    boolean built;

    static final class Positions extends LinkedHashSet<Object> {}

    // Sparse, as mongo-java-server's EmptyIndex for these indexes was: listIndexes shows the same, and
    // removing a document the unbuilt index never saw is not an error.
    OrderedIndex(String name, List<IndexKey> fields) {
      super(name, fields, true);
      this.fields = fields;
      this.tree = new TreeMap<>(this::compareKeys);
    }

    int compareKeys(List<Object> a, List<Object> b) {
      int n = Math.min(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        Object x = a.get(i);
        Object y = b.get(i);
        if (x == AFTER || y == AFTER) {
          if (x == y) continue;
          return x == AFTER ? 1 : -1;
        }
        int c = VALUES.compare(x, y);
        if (c != 0) return fields.get(i).isAscending() ? c : -c;
      }
      return Integer.compare(a.size(), b.size()); // a prefix sorts before the keys that extend it
    }

    List<Object> key(Document document) {
      List<Object> values = new ArrayList<>(fields.size());
      for (IndexKey field : fields) {
        Object value = Utils.getSubdocumentValue(document, field.getKey());
        if (value instanceof Missing) value = null; // MongoDB indexes a missing field as null
        if (value instanceof Collection) multikey = true;
        values.add(value);
      }
      return values;
    }

    @SuppressWarnings("unchecked")
    void attach(List<Object> key, P position) {
      Object held = tree.get(key);
      if (held == null) {
        tree.put(key, position);
      } else if (held instanceof Positions) {
        ((Positions) held).add(position);
      } else if (!held.equals(position)) {
        Positions several = new Positions();
        several.add(held);
        several.add(position);
        tree.put(key, several);
      }
    }

    void detach(List<Object> key, P position) {
      Object held = tree.get(key);
      if (held instanceof Positions) {
        Positions several = (Positions) held;
        several.remove(position);
        if (several.size() == 1) tree.put(key, several.iterator().next());
        else if (several.isEmpty()) tree.remove(key);
      } else if (Objects.equals(held, position)) {
        tree.remove(key);
      }
    }

    @Override public P getPosition(Document document) { return null; } // not unique: no single position
    @Override public void checkAdd(Document document, MongoCollection<P> collection) {}
    @Override public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {}
    @Override public boolean canHandle(Document query) { return false; } // orderedCandidates plans instead
    @Override public Iterable<P> getPositions(Document query) { throw new UnsupportedOperationException(); }
    @Override public long getDataSize() { return 0; }

    // Called with the collection's lock held (the caller checks), so no write runs meanwhile.
    synchronized void build(Stream<DocumentWithPosition<P>> documents) {
      if (built) return;
      documents.forEach(d -> put(d.getDocument(), d.getPosition()));
      built = true;
    }

    void put(Document document, P position) {
      attach(key(document), position);
      byId.put(document.get("_id"), position);
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
      if (built) put(document, position);
    }

    @Override
    public synchronized P remove(Document document) {
      if (!built) return null; // sparse, so the collection does not expect a position from it
      P position = byId.remove(document.get("_id"));
      if (position != null) detach(key(document), position);
      return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
        MongoCollection<P> collection) {
      if (!built) return;
      detach(key(oldDocument), position);
      attach(key(newDocument), position);
    }

    @Override public synchronized long getCount() { return byId.size(); }
    // Never "empty": the server would then fill it from every document when it opens the collection.
    @Override public boolean isEmpty() { return false; }

    @Override
    public synchronized void drop() {
      tree.clear();
      byId.clear();
      built = false;
    }

    // Hands the positions whose first key values equal prefix to take, in index order (or reversed),
    // until take returns false.
    @SuppressWarnings("unchecked")
    synchronized void walk(List<Object> prefix, boolean reversed, Predicate<P> take) {
      NavigableMap<List<Object>, Object> range;
      if (reversed) {
        List<Object> end = new ArrayList<>(prefix);
        end.add(AFTER);
        range = tree.headMap(end, false).descendingMap();
      } else {
        range = tree.tailMap(prefix, true);
      }
      for (Map.Entry<List<Object>, Object> entry : range.entrySet()) {
        List<Object> key = entry.getKey();
        for (int i = 0; i < prefix.size(); i++) if (VALUES.compare(key.get(i), prefix.get(i)) != 0) return;
        Object held = entry.getValue();
        if (held instanceof Positions) {
          for (Object position : (Positions) held) if (!take.test((P) position)) return;
        } else if (!take.test((P) held)) {
          return;
        }
      }
    }
  }

  // A condition an index can answer as an equality: a plain value, not an operator document, an array,
  // a regular expression or null (which also matches a missing field).
  static boolean isPlainValue(Object value) {
    return value != null && !(value instanceof Document) && !(value instanceof Collection)
        && !(value instanceof Pattern) && !(value instanceof Missing);
  }

  // Whether orderBy sorts by exactly the index's fields after the first prefix ones: false in the
  // index's order, true in the opposite one; null when it does not.
  static Boolean sortContinues(List<IndexKey> fields, int prefix, Document orderBy) {
    if (orderBy == null || orderBy.isEmpty() || prefix + orderBy.size() > fields.size()) return null;
    Boolean reversed = null;
    int i = prefix;
    for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
      if (!(sort.getValue() instanceof Number) || !sort.getKey().equals(fields.get(i).getKey())) return null;
      boolean ascending = ((Number) sort.getValue()).doubleValue() > 0;
      boolean opposite = ascending != fields.get(i).isAscending();
      if (reversed != null && reversed != opposite) return null;
      reversed = opposite;
      i++;
    }
    return reversed;
  }

  // Candidate positions for the query from the OrderedIndex that covers most of it; null if none helps.
  // An index not built yet is built first from all, if mayBuild (the caller holds the collection's
  // lock, so no write can slip past the build), and otherwise not used.
  static <P> List<P> orderedCandidates(List<Index<P>> indexes, Document query, Document orderBy, int skip,
      int limit, Function<P, Document> load, BiPredicate<Document, Document> matches,
      Supplier<Stream<DocumentWithPosition<P>>> all, boolean mayBuild) {
    OrderedIndex<P> best = null;
    int bestPrefix = 0;
    Boolean bestReversed = null;
    for (Index<P> index : indexes) {
      if (!(index instanceof OrderedIndex) || ((OrderedIndex<P>) index).multikey) continue;
      OrderedIndex<P> ordered = (OrderedIndex<P>) index;
      if (!ordered.built && !mayBuild) continue;
      int prefix = 0;
      while (prefix < ordered.fields.size() && isPlainValue(query.get(ordered.fields.get(prefix).getKey()))) prefix++;
      Boolean reversed = limit == 0 ? null : sortContinues(ordered.fields, prefix, orderBy);
      if (prefix == 0 && reversed == null) continue;
      boolean better = best == null
          || (reversed != null && bestReversed == null)
          || ((reversed == null) == (bestReversed == null) && prefix > bestPrefix);
      if (better) {
        best = ordered;
        bestPrefix = prefix;
        bestReversed = reversed;
      }
    }
    if (best == null) return null;
    if (!best.built) {
      best.build(all.get());
      if (best.multikey) return null; // an array value turned up in the build
    }
    List<Object> prefixValues = new ArrayList<>();
    for (int i = 0; i < bestPrefix; i++) prefixValues.add(query.get(best.fields.get(i).getKey()));
    List<P> candidates = new ArrayList<>();
    if (bestReversed == null) {
      best.walk(prefixValues, false, position -> candidates.add(position));
    } else {
      // In sort order: the first skip + limit documents that match the whole query are the answer.
      long wanted = (long) skip + Math.abs((long) limit);
      best.walk(prefixValues, bestReversed, position -> {
        Document document = load.apply(position);
        if (document != null && matches.test(document, query)) candidates.add(position);
        return candidates.size() < wanted;
      });
    }
    return candidates;
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
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String indexName,
            List<IndexKey> keys, boolean sparse) {
          return new OrderedIndex<>(indexName, keys);
        }

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
              if (candidates == null)
                candidates = orderedCandidates(getIndexes(), query, orderBy, skip, limit, this::getDocument,
                    this::documentMatchesQuery, this::streamAllDocumentsWithPosition, Thread.holdsLock(this));
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
        protected Index<Integer> openOrCreateSecondaryIndex(String collection, String indexName,
            List<IndexKey> keys, boolean sparse) {
          return new OrderedIndex<>(indexName, keys);
        }

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
              if (candidates == null)
                candidates = orderedCandidates(getIndexes(), query, orderBy, skip, limit, this::getDocument,
                    this::documentMatchesQuery, this::streamAllDocumentsWithPosition, Thread.holdsLock(this));
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
      // from its file, but the launcher's in-memory secondary indexes (OrderedIndex), once a query has
      // built them, hold 0.4-0.9 KB per indexed document (measured: 523k jobs, two indexes, 446 MB of
      // heap in use), so 2 GB leaves room for about two million jobs. Capped either way, so the server
      // cannot take the machine.
      '-Xmx2g',
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
